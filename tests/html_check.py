#!/usr/bin/env python3
"""Open HTML reports in one headless Chromium and check them.

Usage: html_check.py OUTDIR PAGE...

Chromium is driven over the DevTools protocol on a pipe (fds 3 and 4), so
one browser start serves every page.  For each PAGE.html it writes
OUTDIR/PAGE.json with what the page showed: the DOM facts the test asks
about, every request the page made besides itself, console messages,
script exceptions, and PAGE.png, a screenshot of the whole page.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile

# Screenshots stop here: a fleet page can be very long.
MAXH = int(os.environ.get("HTML_CHECK_MAXH", "2400"))

FACTS = r"""(() => ({
  title: document.title,
  phoneRows: document.querySelectorAll('tr.phone-row').length,
  phoneSections: document.querySelectorAll('section.phone').length,
  scripts: document.querySelectorAll('script').length,
  svgs: document.querySelectorAll('svg').length,
  svgBars: document.querySelectorAll('svg rect').length,
  text: document.body.innerText,
  elements: Array.from(document.querySelectorAll('body *'))
    .map(e => e.tagName.toLowerCase()),
  pwned: typeof window.pwned !== 'undefined',
  external: Array.from(document.querySelectorAll('[src],[href]'))
    .map(e => e.getAttribute('src') || e.getAttribute('href'))
    .filter(u => !u.startsWith('#')),
  height: document.documentElement.scrollHeight,
}))()"""


class Browser:
    def __init__(self, profile):
        # Above 10, so that dup2() to 3 and 4 never meets a pipe end.
        r_in, w_in, r_out, w_out = (
            fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
            for fd in os.pipe() + os.pipe())
        # r_in/w_in: we write, chromium reads on its fd 3; r_out/w_out:
        # chromium writes on its fd 4, we read.

        def fds():
            os.dup2(r_in, 3)
            os.dup2(w_out, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking",
             "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--hide-scrollbars",
             "--user-data-dir=" + profile, "--remote-debugging-pipe",
             "about:blank"],
            preexec_fn=fds,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("HTML_CHECK_DEBUG") else subprocess.DEVNULL, close_fds=False)
        os.close(r_in)
        os.close(w_out)
        self.w = os.fdopen(w_in, "wb", buffering=0)
        self.r = os.fdopen(r_out, "rb", buffering=0)
        self.buf = b""
        self.next = 0
        self.events = []

    def _read(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.next += 1
        msg = {"id": self.next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.w.write(json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next:
                if "error" in m:
                    raise RuntimeError(method + ": " + str(m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait(self, method, session):
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == method and m.get("sessionId") == session:
                    del self.events[i]
                    return m
            self.events.append(self._read())

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=20)


def check(b, path, outdir):
    name = os.path.splitext(os.path.basename(path))[0]
    url = "file://" + os.path.abspath(path)
    target = b.call("Target.createTarget", url="about:blank")["targetId"]
    s = b.call("Target.attachToTarget", targetId=target,
               flatten=True)["sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        b.call(domain + ".enable", s)
    b.call("Emulation.setDeviceMetricsOverride", s, width=1280, height=900,
           deviceScaleFactor=1, mobile=False)
    b.events = [e for e in b.events if e.get("sessionId") != s]
    b.call("Page.navigate", s, url=url)
    b.wait("Page.loadEventFired", s)
    facts = b.call("Runtime.evaluate", s, expression=FACTS,
                   returnByValue=True)["result"]["value"]
    shot = b.call("Page.captureScreenshot", s, format="png",
                  captureBeyondViewport=True,
                  clip={"x": 0, "y": 0, "width": 1280,
                        "height": min(facts["height"], MAXH), "scale": 1})
    with open(os.path.join(outdir, name + ".png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    mine = [e for e in b.events if e.get("sessionId") == s]
    facts["requests"] = [e["params"]["request"]["url"] for e in mine
                         if e["method"] == "Network.requestWillBeSent"
                         and e["params"]["request"]["url"] != url]
    facts["exceptions"] = [e["params"]["exceptionDetails"].get("text", "")
                           for e in mine
                           if e["method"] == "Runtime.exceptionThrown"]
    facts["console"] = [str(e["params"]) for e in mine
                        if e["method"] in ("Runtime.consoleAPICalled",
                                           "Log.entryAdded")]
    with open(os.path.join(outdir, name + ".json"), "w") as f:
        json.dump(facts, f, indent=1)
    b.call("Target.closeTarget", targetId=target)


def main():
    outdir, pages = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(profile)
        try:
            for p in pages:
                check(b, p, outdir)
        finally:
            b.close()


if __name__ == "__main__":
    main()
