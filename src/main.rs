//! The `folio` binary: the command line lives in [`folio::cli`].

/// Builds allocate and free millions of small strings (Markdown events, template values, the
/// search index); mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    folio::cli::main()
}
