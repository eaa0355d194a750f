//! Malformed input, table-driven: every case breaks a copy of the basic fixture site in one
//! way (front matter, YAML tables, shortcodes, templates, links, configuration, the file
//! system) and must give exactly one error — the expected `path:line:col` line, word for word —
//! exit with code 1, not panic, and leave the previously built `public/` byte for byte as it was.
//!
//! Cases are either code (an edit of the site) or a folder under `tests/fixtures/bad/` whose
//! files are laid over the site, with `expected.txt` holding the line and an optional
//! `delete.txt` listing files to remove first.

mod common;

use common::{basic_site, copy_dir, folio, leftovers, repo, snapshot};
use std::path::{Path, PathBuf};

const KO: &str = "content/chapters/02-market.ko.md";
const MARKET: &str = "content/data/market.yaml";

type Edit = Box<dyn Fn(&Path) + Sync>;

struct Case {
    name: String,
    edit: Edit,
    expected: String,
}

fn case(name: &str, edit: impl Fn(&Path) + Sync + 'static, expected: &str) -> Case {
    Case {
        name: name.to_string(),
        edit: Box::new(edit),
        expected: expected.to_string(),
    }
}

fn replace(rel: &'static str, from: &'static str, to: &'static str) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let p = root.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    }
}

fn append(rel: &'static str, text: &'static str) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let p = root.join(rel);
        let mut old = std::fs::read(&p).unwrap();
        old.extend_from_slice(text.as_bytes());
        std::fs::write(&p, old).unwrap();
    }
}

fn write(rel: &'static str, bytes: &'static [u8]) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn rename(from: &'static str, to: &'static str) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let to = root.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::rename(root.join(from), to).unwrap();
    }
}

fn symlink(target: &'static str, rel: &'static str) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        std::os::unix::fs::symlink(target, p).unwrap();
    }
}

/// Replaces `rel` with a named pipe (nobody ever writes to it: reading it would block).
fn fifo(rel: &'static str) -> impl Fn(&Path) + Sync {
    move |root: &Path| {
        let p = root.join(rel);
        let _ = std::fs::remove_file(&p);
        let made = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo {rel}");
    }
}

/// A case from a folder under `tests/fixtures/bad/`.
fn fixture(dir: PathBuf) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    case(
        &format!("fixture {name}"),
        move |root: &Path| {
            if let Ok(list) = std::fs::read_to_string(dir.join("delete.txt")) {
                for rel in list.lines().filter(|l| !l.trim().is_empty()) {
                    std::fs::remove_file(root.join(rel.trim())).unwrap();
                }
            }
            for entry in walkdir::WalkDir::new(&dir) {
                let entry = entry.unwrap();
                let rel = entry.path().strip_prefix(&dir).unwrap();
                if entry.file_type().is_file()
                    && rel != Path::new("expected.txt")
                    && rel != Path::new("delete.txt")
                {
                    let dest = root.join(rel);
                    std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                    std::fs::copy(entry.path(), dest).unwrap();
                }
            }
        },
        expected.trim_end(),
    )
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        case(
            "an unknown way of numbering footnotes",
            replace("content/site.yaml", "title:", "footnotes: pages\ntitle:"),
            "content/site.yaml:5:12: error: footnotes: unknown variant `pages` — expected `report` or `chapter`",
        ),
        // Front matter.
        case(
            "empty chapter file",
            write(KO, b""),
            "content/chapters/02-market.ko.md:1:1: error: the file does not start with front matter — expected a first line `---`, then YAML such as `title: …`, then a line `---`",
        ),
        case(
            "front matter not closed",
            write("content/chapters/03-x.ko.md", b"---\ntitle: x\n"),
            "content/chapters/03-x.ko.md:1:1: error: the front matter is not closed — expected a line `---` after the front-matter YAML",
        ),
        case(
            "front matter without a title",
            write("content/chapters/03-x.ko.md", b"---\npart: x\n---\nbody\n"),
            "content/chapters/03-x.ko.md:2:1: error: missing field `title` — expected the key `title`",
        ),
        case(
            "title of the wrong type",
            write(
                "content/chapters/03-x.ko.md",
                b"---\ntitle: [a, b]\n---\nbody\n",
            ),
            "content/chapters/03-x.ko.md:2:8: error: title: invalid type: sequence — expected a string",
        ),
        case(
            "a NUL in a chapter",
            replace(
                KO,
                "{{ table(id=\"firms\") }}",
                "표\0 {{ table(id=\"firms\") }}",
            ),
            "content/chapters/02-market.ko.md:16:2: error: a NUL character — expected text without control characters",
        ),
        case(
            "an escape character in a chapter",
            append(KO, "\n\u{1b}[31mred\n"),
            "content/chapters/02-market.ko.md:32:1: error: a control character (U+001B) — expected text without control characters",
        ),
        case(
            "acknowledgement without a reason",
            write(
                "content/chapters/03-x.ko.md",
                b"---\ntitle: x\nacknowledged:\n  - { text: y }\n---\nbody\n",
            ),
            "content/chapters/03-x.ko.md:4:5: error: acknowledged[0]: missing field `reason` — expected the key `reason`",
        ),
        // The file system.
        case(
            "a 50 MB chapter",
            |root: &Path| {
                let mut text = b"---\ntitle: x\n---\n".to_vec();
                text.resize(50 * 1024 * 1024, b'a');
                std::fs::write(root.join(KO), text).unwrap();
            },
            "content/chapters/02-market.ko.md:1:1: error: file is too large (52.4 MB) — expected a text file of at most 8 MB",
        ),
        case(
            "a symbolic link loop",
            |root: &Path| {
                std::os::unix::fs::symlink("..", root.join("content/chapters/loop")).unwrap();
            },
            "content/chapters/loop:1:1: error: symbolic link loop — expected a regular file or folder",
        ),
        case(
            "a symbolic link loop in static/",
            |root: &Path| {
                std::os::unix::fs::symlink("..", root.join("static/loop")).unwrap();
            },
            "static/loop:1:1: error: symbolic link loop — expected a regular file or folder",
        ),
        // Files from outside the site: never read through a link, only regular files.
        case(
            "a static file linked to the build's environment",
            symlink("/proc/self/environ", "static/env.txt"),
            "static/env.txt:1:1: error: symbolic link to `/proc/self/environ` leads into the system folder `/proc`: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "a static file linked to /etc/passwd",
            symlink("/etc/passwd", "static/passwd"),
            "static/passwd:1:1: error: symbolic link to `/etc/passwd` leads outside the site: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "a static folder linked outside the site",
            symlink("../..", "static/up"),
            "static/up:1:1: error: symbolic link to `../..` leads outside the site: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "a data table linked outside the site",
            symlink("/etc/passwd", "content/data/users.yaml"),
            "content/data/users.yaml:1:1: error: symbolic link to `/etc/passwd` leads outside the site: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "a template linked outside the site",
            symlink("/etc/hostname", "templates/partials/host.html"),
            "templates/partials/host.html:1:1: error: symbolic link to `/etc/hostname` leads outside the site: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "site.yaml linked to /dev/zero",
            symlink("/dev/zero", "content/site.yaml"),
            "content/site.yaml:1:1: error: symbolic link to `/dev/zero` leads into the system folder `/dev`: nothing outside the site is read — expected a file inside the site folder (copy it in rather than linking to it)",
        ),
        case(
            "site.yaml as a named pipe",
            fifo("content/site.yaml"),
            "content/site.yaml:1:1: error: this is a named pipe (FIFO), not a regular file — expected a regular file (folio reads nothing else)",
        ),
        case(
            "a chapter as a named pipe",
            fifo(KO),
            "content/chapters/02-market.ko.md:1:1: error: this is a named pipe (FIFO), not a regular file — expected a regular file (folio reads nothing else)",
        ),
        case(
            "a static file as a named pipe",
            fifo("static/style.css"),
            "static/style.css:1:1: error: this is a named pipe (FIFO), not a regular file — expected a regular file (folio reads nothing else)",
        ),
        case(
            "a chapter that is a folder",
            |root: &Path| std::fs::create_dir(root.join("content/chapters/03-x.ko.md")).unwrap(),
            "content/chapters/03-x.ko.md:1:1: error: `03-x.ko.md` is a folder, where folio reads a chapter — expected a regular file of that name (or another name for the folder)",
        ),
        case(
            "the glossary as a folder",
            |root: &Path| std::fs::create_dir(root.join("content/glossary.yaml")).unwrap(),
            "content/glossary.yaml:1:1: error: `glossary.yaml` is a folder, where folio reads the glossary — expected a regular file of that name (or another name for the folder)",
        ),
        case(
            "a static file where a chapter needs a folder",
            write("static/ko/intro", b"x"),
            "static/ko/intro:1:1: error: static file `ko/intro` is where the generated `ko/intro/index.html` needs a folder — expected another file name (or a chapter with another slug)",
        ),
        case(
            "a static file named like a language",
            write("static/en", b"x"),
            "static/en:1:1: error: static file `en` is where the generated `en/index.html` needs a folder (and 3 other file(s)) — expected another file name (or a chapter with another slug)",
        ),
        case(
            "a static file with a page's path",
            write("static/ko/market/index.html", b"x"),
            "static/ko/market/index.html:1:1: error: static file `ko/market/index.html` has the same path as a generated page — expected another file name",
        ),
        case(
            "a static folder where a page goes",
            write("static/404.html/x.txt", b"x"),
            "static/404.html:1:1: error: static folder `404.html` has the path of a generated file — expected another folder name",
        ),
        case(
            "a chapter slug that is the print edition's URL",
            |root: &Path| {
                for lang in ["ko", "en"] {
                    std::fs::rename(
                        root.join(format!("content/chapters/02-market.{lang}.md")),
                        root.join(format!("content/chapters/02-print.{lang}.md")),
                    )
                    .unwrap();
                }
            },
            "content/chapters/02-print.ko.md:1:1: error: the slug `print` is the URL of the print edition — expected another slug (the part of the file name after the number)",
        ),
        case(
            "two chapters with one slug",
            |root: &Path| {
                std::fs::copy(root.join(KO), root.join("content/chapters/03-market.ko.md"))
                    .unwrap();
            },
            "content/chapters/03-market.ko.md:1:1: error: duplicate slug `market` in `ko` (also 02-market.ko.md) — expected each slug once per language",
        ),
        case(
            "a slug with dots",
            write("content/chapters/03-a..b.ko.md", b"---\ntitle: x\n---\n"),
            "content/chapters/03-a..b.ko.md:1:1: error: `03-a..b.ko.md` is not a chapter file name — expected `<NN>-<slug>.<lang>.md`, e.g. `02-market-size.ko.md` (slug: lowercase ASCII letters, digits, `-`)",
        ),
        case(
            "a chapter without a number",
            write("content/chapters/intro.md", b"---\ntitle: x\n---\n"),
            "content/chapters/intro.md:1:1: error: `intro.md` is not a chapter file name — expected `<NN>-<slug>.<lang>.md`, e.g. `02-market-size.ko.md` (slug: lowercase ASCII letters, digits, `-`)",
        ),
        case(
            "a file name with a newline and a forged CI command",
            write(
                "content/chapters/03-x\n::error file=README.md::forged.ko.md",
                b"---\ntitle: x\n---\n",
            ),
            "content/chapters/03-x\\n::error file=README.md::forged.ko.md:1:1: error: `03-x\\n::error file=README.md::forged.ko.md` is not a chapter file name — expected `<NN>-<slug>.<lang>.md`, e.g. `02-market-size.ko.md` (slug: lowercase ASCII letters, digits, `-`)",
        ),
        case(
            "a chapter language not in site.yaml",
            rename(
                "content/chapters/02-market.en.md",
                "content/chapters/02-market.fr.md",
            ),
            "content/chapters/02-market.fr.md:1:1: error: chapter language `fr` is not in site.yaml — expected one of `ko`, `en`",
        ),
        case(
            "a chapter in a subfolder",
            rename(KO, "content/chapters/part2/02-market.ko.md"),
            "content/chapters/part2/02-market.ko.md:1:1: error: unexpected file in content/ — expected only `site.yaml`, `glossary.yaml`, `chapters/*.md`, `data/*.yaml` and `i18n/*.yaml`",
        ),
        case(
            "a data file that is not YAML",
            write("content/data/notes.json", b"{}"),
            "content/data/notes.json:1:1: error: `notes.json` is not a data table file name — expected `<id>.yaml` with an id of lowercase ASCII letters, digits, `-`",
        ),
        case(
            "no content folder",
            |root: &Path| std::fs::remove_dir_all(root.join("content")).unwrap(),
            "content:1:1: error: no content directory — expected a `content/` folder with `site.yaml` (is --root right?)",
        ),
        // YAML tables.
        case(
            "an empty table file",
            write(MARKET, b""),
            "content/data/market.yaml:1:1: error: the YAML is empty — expected a YAML mapping (`key: value` lines)",
        ),
        case(
            "a tab in the indentation",
            append(MARKET, "\tfoo: 1\n"),
            "content/data/market.yaml:19:1: error: a tab in the indentation — expected spaces (YAML does not allow tabs for indentation)",
        ),
        case(
            "YAML nested 100,000 deep",
            |root: &Path| {
                let deep = format!("title: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
                std::fs::write(root.join(MARKET), deep).unwrap();
            },
            "content/data/market.yaml:1:263: error: the YAML is nested deeper than 64 levels — expected at most 64 levels of lists and mappings inside each other",
        ),
        case(
            "YAML block lists nested 100,000 deep",
            |root: &Path| {
                let deep = format!("title:\n  {}x\n", "- ".repeat(100_000));
                std::fs::write(root.join("content/i18n/en.yaml"), deep).unwrap();
            },
            "content/i18n/en.yaml:2:129: error: the YAML is nested deeper than 64 levels — expected at most 64 levels of lists and mappings inside each other",
        ),
        case(
            "a control character in YAML",
            replace(MARKET, "value: 2697", "value: 26\u{7}97"),
            "content/data/market.yaml:16:28: error: a control character (U+0007) in the YAML — expected text without control characters",
        ),
        case(
            "a word in a number column",
            replace(MARKET, "value: 2697", "value: abc"),
            "content/data/market.yaml:16:26: error: `abc` is not a number — expected a number as printed, e.g. 2697 or \"10.0\"",
        ),
        case(
            "a number with 42 decimals",
            replace(
                MARKET,
                "value: 2697",
                "value: 0.000000000000000000000000000000000000000001",
            ),
            "content/data/market.yaml:16:26: error: a number with 42 decimals — expected a number as printed, with at most 28 decimals",
        ),
        case(
            "a number with more digits than can be kept exactly",
            replace(
                MARKET,
                "value: 2697",
                "value: 12345678901234567890123456789",
            ),
            "content/data/market.yaml:16:26: error: a number with 29 significant digits, more than folio keeps exactly — expected a number as printed, with at most 28 significant digits",
        ),
        case(
            "an amount whose digits overflow once scaled to base units",
            replace(MARKET, "value: 2697", "value: 1234567890123456789012345"),
            "content/data/market.yaml:16:26: error: 1234567890123456789012345 in units of 100000000 has more digits than folio keeps exactly — expected an amount of at most 28 significant digits in base units",
        ),
        case(
            "a chart over a million years",
            replace(MARKET, "years: [2022, 2025]", "years: [2024, 2147483647]"),
            "content/data/market.yaml:18:69: error: year range 2024–2147483647 is not two four-digit years — expected [first, last] with years such as 2022",
        ),
        case(
            "two columns with one id",
            replace(MARKET, "id: growth,", "id: value,"),
            "content/data/market.yaml:13:11: error: duplicate column id `value` — expected each column id once",
        ),
        case(
            "an unknown column type",
            replace(MARKET, "type: year", "type: yeer"),
            "content/data/market.yaml:8:52: error: columns[0].type: unknown variant `yeer` — expected one of `year`, `text`, `name`, `url`, `number`",
        ),
        case(
            "two rows with one key",
            replace(MARKET, "year: 2024,", "year: 2023,"),
            "content/data/market.yaml:16:5: error: duplicate row key `2023` — expected each row key once (set `key:` on one of them)",
        ),
        case(
            "an editorial note without text",
            replace(KO, "에 달함", "에 달함 {{ editor_note(text=\"\") }}"),
            "content/chapters/02-market.ko.md:8:90: error: `editor_note` has no `text` — expected `editor_note(text=\"what the site adds\")`",
        ),
        case(
            "a name per language that is a list",
            replace(
                "content/data/firms.yaml",
                "name: Cambricon,",
                "name: { ko: [a], en: b },",
            ),
            "content/data/firms.yaml:7:50: error: a name is a list — expected a string",
        ),
        case(
            "a formula that does not compute",
            replace(MARKET, "\"value[2024] / 1.262\"", "\"value[2024] / \""),
            "content/data/market.yaml:15:50: error: the formula `value[2024] / ` cannot be read: the formula ends too early — expected numbers, cells of this table (`value[2024]`, or `growth` for the formula's own row), + - * / ^ and parentheses",
        ),
        case(
            "a formula naming a row the table does not have",
            replace(MARKET, "\"value[2024] / 1.262\"", "\"value[2042] / 1.262\""),
            "content/data/market.yaml:15:50: error: in the formula `value[2042] / 1.262`: no row `2042` (did you mean `2023`?) — expected numbers, cells of this table (`value[2024]`, or `growth` for the formula's own row), + - * / ^ and parentheses",
        ),
        case(
            "a formula naming a column the table does not have",
            replace(MARKET, "\"value[2024] / 1.262\"", "\"valeu[2024] / 1.262\""),
            "content/data/market.yaml:15:50: error: in the formula `valeu[2024] / 1.262`: no column `valeu` (did you mean `value`?) — expected numbers, cells of this table (`value[2024]`, or `growth` for the formula's own row), + - * / ^ and parentheses",
        ),
        case(
            "a formula on a gap",
            replace(MARKET, "\"value[2024] / 1.262\"", "\"growth / 1.262\""),
            "content/data/market.yaml:15:50: error: in the formula `growth / 1.262`: `growth` holds no figure — expected numbers, cells of this table (`value[2024]`, or `growth` for the formula's own row), + - * / ^ and parentheses",
        ),
        case(
            "a chart on a missing column",
            replace(MARKET, "bars: value", "bars: valu"),
            "content/data/market.yaml:18:41: error: chart names the missing column `valu` — expected one of `year`, `value`, `growth`",
        ),
        case(
            "an unknown chart kind",
            replace(MARKET, "kind: bar-line", "kind: pie"),
            "content/data/market.yaml:18:16: error: chart.kind: unknown variant `pie` — expected one of `bar`, `bar-line`, `line`, `hbar`, `share`, `none`",
        ),
        case(
            "a misspelt top-level key",
            replace(MARKET, "\nrows:", "\nrowz:"),
            "content/data/market.yaml:14:1: error: unknown field `rowz` — expected one of `title`, `source`, `notes`, `editorial`, `unit`, `columns`, `rows`, `chart`, `acknowledged`",
        ),
        // Shortcodes.
        case(
            "an unclosed shortcode",
            replace(KO, "{{ table(id=\"firms\") }}", "{{ table(id=\"firms\")"),
            "content/chapters/02-market.ko.md:16:1: error: unclosed shortcode `{{ table(id=\"firms\")` — expected `}}` on the same line",
        ),
        case(
            "an unknown shortcode",
            replace(KO, "{{ table(id=\"firms\") }}", "{{ tabel(id=\"firms\") }}"),
            "content/chapters/02-market.ko.md:16:1: error: unknown shortcode `tabel` — expected one of `chart`, `table`, `value`, `figure`, `box`, `editor_note`",
        ),
        case(
            "a chart without an id",
            replace(KO, "{{ chart(id=\"market\") }}", "{{ chart() }}"),
            "content/chapters/02-market.ko.md:10:1: error: shortcode `chart` has no `id` — expected `chart(id=\"<data file name>\")`",
        ),
        case(
            "a table id that is a path",
            replace(
                KO,
                "{{ table(id=\"firms\") }}",
                "{{ table(id=\"../secret\") }}",
            ),
            "content/chapters/02-market.ko.md:16:1: error: `../secret` is not a table id — expected the name of a file in content/data/ without `.yaml`: lowercase ASCII letters, digits, `-` (no path)",
        ),
        case(
            "a table id with a slash",
            replace(
                KO,
                "{{ table(id=\"firms\") }}",
                "{{ table(id=\"data/firms\") }}",
            ),
            "content/chapters/02-market.ko.md:16:1: error: `data/firms` is not a table id — expected the name of a file in content/data/ without `.yaml`: lowercase ASCII letters, digits, `-` (no path)",
        ),
        case(
            "a value from a missing row",
            replace(KO, "row=2024", "row=2031"),
            "content/chapters/02-market.ko.md:8:23: error: table `market` has no row `2031` — expected one of `2023`, `2024`, `2025`",
        ),
        case(
            "a value from a missing column",
            replace(KO, "col=\"value\"", "col=\"nope\""),
            "content/chapters/02-market.ko.md:8:23: error: table `market` has no column `nope` — expected one of `value`, `growth`",
        ),
        case(
            "a block never closed",
            |root: &Path| {
                let p = root.join(KO);
                let text = std::fs::read_to_string(&p).unwrap();
                let last = text.rfind("{% end %}").unwrap();
                std::fs::write(&p, format!("{}{}", &text[..last], &text[last + 9..])).unwrap();
            },
            "content/chapters/02-market.ko.md:22:1: error: `{% figure(…) %}` is never closed — expected a line `{% end %}` after its content",
        ),
        case(
            "an unknown box kind",
            replace(KO, "kind=\"note\"", "kind=\"warning\""),
            "content/chapters/02-market.ko.md:12:1: error: unknown box kind `warning` — expected `note`, `case` or `interview`",
        ),
        // Markdown: links, footnotes, images.
        case(
            "a link out of the site",
            append(KO, "\n[x](../../etc/passwd)\n"),
            "content/chapters/02-market.ko.md:32:1: error: link to `../../etc/passwd` is not a chapter file or a web address — expected `NN-slug.md`, `NN-slug.md#anchor`, `#anchor` or `https://…`",
        ),
        case(
            "a shortcode as a link's address",
            append(
                KO,
                "\n[2024년 값]({{ value(id=\"market\", row=2024, col=\"value\") }})\n",
            ),
            "content/chapters/02-market.ko.md:32:1: error: a shortcode as a link's address, as in `[text]({{ value(…) }})` — expected the address written out: a chapter file name, `#anchor` or `https://…` (a shortcode's result cannot be an address)",
        ),
        case(
            "a footnote without a definition",
            append(KO, "\ntext[^99]\n"),
            "content/chapters/02-market.ko.md:32:5: error: footnote `[^99]` has no definition — expected a line `[^99]: …` in this chapter",
        ),
        case(
            "an image inside a footnote",
            append(KO, "see ![x](a.png) here\n"),
            "content/chapters/02-market.ko.md:31:5: error: image `a.png` in Markdown — expected a chart or table shortcode, or `{% figure(…) %}` (images are not published)",
        ),
        // Templates.
        case(
            "a template field that does not exist",
            replace(
                "templates/chapter.html",
                "{% block main %}",
                "{% block main %}{{ page.nope.deeper }}",
            ),
            "templates/chapter.html:2:25: error: template error: Field `nope` is not defined. Available fields: alternates, canonical, description, home, kind, lang, languages, locale, root, search_suffixes, title, url (while rendering `ko/intro/` and 3 other page(s)) — expected values the page provides (see README: template variables)",
        ),
        case(
            "a template with nested loops of 100,000",
            replace(
                "templates/chapter.html",
                "{% block main %}",
                "{% block main %}{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ j }}{% endfor %}{% endfor %}",
            ),
            "templates/chapter.html:2:61: error: template error: the page's loops take more than 2000000 steps (loop iterations and range() elements) (while rendering `ko/intro/` and 3 other page(s)) — expected loops over what the page provides (see README: Safety, for the budgets)",
        ),
        case(
            "a circular template include",
            |root: &Path| {
                std::fs::write(
                    root.join("templates/partials/footer.html"),
                    "{% include \"partials/header.html\" %}",
                )
                .unwrap();
                let header = root.join("templates/partials/header.html");
                let text = std::fs::read_to_string(&header).unwrap();
                std::fs::write(
                    header,
                    format!("{text}{{% include \"partials/footer.html\" %}}"),
                )
                .unwrap();
            },
            "templates/partials/footer.html:1:1: error: template `partials/footer.html` includes itself (`partials/footer.html` → `partials/header.html` → `partials/footer.html`) — expected includes that end (no template including one that includes it)",
        ),
        case(
            "a template extending a missing one",
            replace(
                "templates/chapter.html",
                "{% extends \"base.html\" %}",
                "{% extends \"bas.html\" %}",
            ),
            "templates/chapter.html:1:1: error: template `chapter.html` extends `bas.html`, which does not exist — expected an existing template name",
        ),
        // Site configuration, UI strings, glossary.
        case(
            "a relative base_url",
            replace(
                "content/site.yaml",
                "base_url: https://example.org/report/",
                "base_url: example.org",
            ),
            "content/site.yaml:1:11: error: base_url `example.org` is not an absolute URL — expected an address such as `https://example.org/report/`",
        ),
        case(
            "an exchange rate in a currency that does not exist",
            replace("content/site.yaml", "USD: 1427.15", "XYZ: 1427.15"),
            "content/site.yaml:20:12: error: unknown currency `XYZ` — expected an ISO 4217 currency code such as `USD`, `EUR`, `CNY`, `JPY` or `KRW`",
        ),
        case(
            "a rate base that is not a currency",
            replace("content/site.yaml", "base: KRW", "base: WON"),
            "content/site.yaml:19:9: error: unknown currency `WON` — expected an ISO 4217 currency code such as `USD`, `EUR`, `CNY`, `JPY` or `KRW`",
        ),
        case(
            "a conversion into a currency that does not exist",
            replace(
                "content/chapters/02-market.en.md",
                "convert=\"USD\"",
                "convert=\"XYZ\"",
            ),
            "content/chapters/02-market.en.md:9:31: error: unknown currency `XYZ` — expected an ISO 4217 currency code such as `USD`, `EUR`, `CNY`, `JPY` or `KRW`",
        ),
        case(
            "a conversion into a currency without a rate",
            replace(
                "content/chapters/02-market.en.md",
                "convert=\"USD\"",
                "convert=\"EUR\"",
            ),
            "content/chapters/02-market.en.md:9:31: error: no exchange rate for CNY or EUR — expected both in site.yaml `exchange_rates` (its `base` or one of its `rates`)",
        ),
        case(
            "no languages",
            replace("content/site.yaml", "languages:", "language:"),
            "content/site.yaml:2:1: error: unknown field `language` — expected one of `base_url`, `languages`, `title`, `description`, `report`, `exchange_rates`, `search`, `footnotes`",
        ),
        case(
            "a UI string in one language only",
            append("content/i18n/ko.yaml", "nope: x\n"),
            "content/i18n/en.yaml:1:1: error: missing UI string `nope` (defined in content/i18n/ko.yaml) — expected a line `nope: …`",
        ),
        case(
            "a UI string twice",
            replace(
                "content/i18n/en.yaml",
                "figure: Figure\n",
                "figure: Figure\nfigure: Chart\n",
            ),
            "content/i18n/en.yaml:20:1: error: UI string `figure` is defined twice (also on line 19) — expected each key once",
        ),
        case(
            "a glossary term twice",
            write(
                "content/glossary.yaml",
                "terms:\n  - { ko: 가, en: A }\n  - { ko: 가, en: B }\n".as_bytes(),
            ),
            "content/glossary.yaml:3:11: error: `가` is in the glossary twice (also entry 1) — expected each Korean form once",
        ),
    ];
    let bad = repo().join("tests/fixtures/bad");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    cases.extend(dirs.into_iter().map(fixture));
    cases
}

/// What went wrong with one case, if anything.
fn run_case(template: &Path, case: &Case) -> Option<String> {
    let site = tempfile::tempdir().unwrap();
    copy_dir(template, site.path());
    let public = site.path().join("public");
    let before = snapshot(&public);
    (case.edit)(site.path());
    let run = folio(&["build"], site.path());
    let mut problems = Vec::new();
    if run.code != Some(1) {
        problems.push(format!("exit code {:?}, expected 1", run.code));
    }
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .collect();
    if errors != [case.expected.as_str()] {
        problems.push(format!("expected exactly the error\n  {}", case.expected));
    }
    if run.stderr.contains("panicked") {
        problems.push("panicked".into());
    }
    if snapshot(&public) != before {
        problems.push("the previous public/ was changed".into());
    }
    // Pages are written into a staging folder as they are rendered: a failed build removes it.
    let left = leftovers(site.path(), "public");
    if !left.is_empty() {
        problems.push(format!("left behind: {left:?}"));
    }
    (!problems.is_empty()).then(|| {
        format!(
            "{}: {}\n--- stderr:\n{}",
            case.name,
            problems.join("; "),
            run.stderr
        )
    })
}

#[test]
fn every_malformed_input_gives_one_clear_error_and_keeps_the_previous_site() {
    // One good build, copied for every case.
    let template = basic_site();
    let good = folio(&["build"], template.path());
    assert!(good.ok, "the basic site must build: {}", good.stderr);
    assert!(template.path().join("public/index.html").is_file());

    let cases = cases();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be distinct");

    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = cases.len().div_ceil(threads);
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = cases
            .chunks(chunk)
            .map(|part| {
                let template = template.path();
                s.spawn(move || {
                    part.iter()
                        .filter_map(|c| run_case(template, c))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
