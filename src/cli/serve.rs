//! `folio serve`: the live preview ([`crate::serve`]).

use super::Site;
use std::process::ExitCode;

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    site: Site,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

pub(crate) fn run(args: ServeArgs) -> ExitCode {
    match crate::serve::serve(&args.site.root, args.port, args.open) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("folio: {e}");
            ExitCode::FAILURE
        }
    }
}
