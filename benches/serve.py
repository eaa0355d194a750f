#!/usr/bin/env python3
"""Measures `folio serve` on an edit: how long re-rendering one edited chapter takes.

Starts `FOLIO serve --root SITE --port 0`, waits for its first build, then for each chapter
number given appends a line of text to that chapter (Korean and English chapters in turn) and
waits for serve's `<page> re-rendered in X ms; full build follows` line on stderr, then for the
following `rebuilt in N ms` line before the next edit. Records, per edit:

    rerender_ms   X, as serve measures it inside the process (the quick path alone)
    outside_ms    from the moment the file was written (closed) to the moment that line was
                  read here: includes serve's 60 ms debounce and the file-watch latency
    rebuild_ms    the full build that follows (serve's own figure)

Writes them as JSON to --out and serve's whole output to --log. The chapters edited are
restored and serve is stopped (SIGTERM, then SIGKILL) however the script ends; its process id
is written to --pidfile while it runs, so a caller can stop it too (run.sh's trap does).

Usage: serve.py --folio target/release/folio --site target/bench/n1000/folio
                --chapters 100,300,500,700,900 --out serve.json --log serve.log
"""

import argparse
import json
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

RERENDERED = re.compile(r"^folio: (.*) re-rendered in ([\d.]+) ms")
REBUILT = re.compile(r"^folio: rebuilt in (\d+) ms")
FIRST = re.compile(r"^folio: first build in (\d+) ms")
SERVING = re.compile(r"^folio: serving at (\S+)")
FAILED = "folio: the build failed"


class Stop(Exception):
    pass


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folio", required=True)
    ap.add_argument("--site", type=Path, required=True)
    ap.add_argument("--chapters", default="100,300,500,700,900")
    ap.add_argument("--langs", default="ko,en", help="languages edited in turn")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for a re-render")
    ap.add_argument("--build-timeout", type=float, default=900.0, help="seconds to wait for a full build")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--log", type=Path, required=True)
    ap.add_argument("--pidfile", type=Path)
    args = ap.parse_args(argv)

    chapters = [int(x) for x in args.chapters.split(",") if x]
    langs = args.langs.split(",")
    files = []
    for k, num in enumerate(chapters):
        lang = langs[k % len(langs)]
        found = sorted((args.site / "content" / "chapters").glob(f"{num:04d}-*.{lang}.md"))
        if len(found) != 1:
            sys.exit(f"serve.py: chapter {num} ({lang}) not found under {args.site}/content/chapters")
        files.append(found[0])
    originals = {f: f.read_bytes() for f in files}

    # SIGTERM (run.sh's trap, a timeout) ends the script through `finally` like an error does.
    def on_term(signum, frame):
        raise Stop(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_term)

    lines = queue.Queue()
    log = open(args.log, "w", encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.Popen(
        [args.folio, "serve", "--root", str(args.site), "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
    )
    if args.pidfile:
        args.pidfile.write_text(f"{proc.pid}\n")

    def reader(stream, name):
        for line in stream:
            now = time.monotonic()
            lines.put((now, name, line.rstrip("\n")))
        lines.put((time.monotonic(), name, None))

    for stream, name in ((proc.stdout, "stdout"), (proc.stderr, "stderr")):
        threading.Thread(target=reader, args=(stream, name), daemon=True).start()

    result = {"site": str(args.site), "edits": [], "errors": [], "warnings_seen": 0}
    closed = set()

    def wait_for(pattern, timeout, what):
        """The first line matching `pattern` (and its arrival time) within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Stop(f"no `{what}` line within {timeout:.0f} s")
            try:
                at, name, line = lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                closed.add(name)
                if len(closed) == 2:
                    raise Stop(f"serve exited (code {proc.wait()}) while waiting for `{what}`")
                continue
            log.write(f"{at - started:9.3f} {name}: {line}\n")
            log.flush()
            if FAILED in line:
                result["errors"].append(line)
            if "warning" in line.lower():
                result["warnings_seen"] += 1
            m = pattern.search(line)
            if m:
                return at, m

    ok = False
    try:
        _, m = wait_for(REBUILT, args.build_timeout, "rebuilt in")
        result["first_build_ms"] = int(m.group(1))
        _, m = wait_for(SERVING, 60, "serving at")
        result["url"] = m.group(1)
        for k, f in enumerate(files):
            with open(f, "a", encoding="utf-8") as fh:
                fh.write(f"\nEdit {k + 1} for the serve benchmark: one more sentence in this chapter.\n")
            written = time.monotonic()
            at, m = wait_for(RERENDERED, args.timeout, f"re-rendered in ({f.name})")
            edit = {
                "file": f.name,
                "pages": m.group(1),
                "rerender_ms": float(m.group(2)),
                "outside_ms": round((at - written) * 1000, 1),
            }
            _, m = wait_for(REBUILT, args.build_timeout, "rebuilt in (after the edit)")
            edit["rebuild_ms"] = int(m.group(1))
            result["edits"].append(edit)
            print(
                f"edit {k + 1}/{len(files)} {f.name}: re-rendered in {edit['rerender_ms']} ms "
                f"(outside {edit['outside_ms']} ms), rebuilt in {edit['rebuild_ms']} ms",
                file=sys.stderr,
            )
        ok = True
    except Stop as e:
        result["errors"].append(str(e))
        print(f"serve.py: {e}", file=sys.stderr)
    finally:
        # Peak memory of serve so far (VmHWM), before stopping it.
        try:
            for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    result["peak_rss_kb"] = int(line.split()[1])
        except OSError:
            pass
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if args.pidfile:
            try:
                args.pidfile.unlink()
            except FileNotFoundError:
                pass
        for f, data in originals.items():
            f.write_bytes(data)
        # Whatever serve printed after the last awaited line.
        while True:
            try:
                at, name, line = lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                log.write(f"{at - started:9.3f} {name}: {line}\n")
        log.close()

    for key in ("rerender_ms", "outside_ms", "rebuild_ms"):
        xs = [e[key] for e in result["edits"]]
        if xs:
            result[f"{key}_median"] = statistics.median(xs)
            result[f"{key}_max"] = max(xs)
    result["complete"] = ok and len(result["edits"]) == len(files)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["complete"] else 1


if __name__ == "__main__":
    sys.exit(main())
