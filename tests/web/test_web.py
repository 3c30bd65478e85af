#!/usr/bin/env python3
"""test_web.py BUILD_DIR SAMPLES_DIR - the reception page, end to end, in
headless Chromium.

Starts `amcread serve` on a free port with a known token and chromedriver,
then drives Debian's chromium through the WebDriver HTTP API (plain urllib,
no Selenium): opens the page, types the token, uploads sample-000.png and
waits for the AMC number of sample-000.expected.json to appear in the patient
record, with the outlined page image and its copy button. Also checks that
the token is kept across a reload (sessionStorage) and that the service stops
cleanly on SIGTERM. A screenshot is left in BUILD_DIR/web_test.png.

Exit 0 pass, 1 fail, 77 skip (only when chromium or chromedriver is absent:
scripts/install-deps.sh installs both, so CI runs this).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-dev-shm-usage", "--window-size=1400,1100"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.sid = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise RuntimeError("webdriver %s %s: %s" % (method, path, e.read()[:500]))

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.sid, path), body)

    def start(self, binary, user_dir):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": binary, "args": FLAGS + ["--user-data-dir=" + user_dir]}}}}
        self.sid = self.call("POST", "/session", caps, timeout=120)["sessionId"]

    def find(self, css):
        v = self.s("POST", "/element", {"using": "css selector", "value": css})
        return list(v.values())[0]

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})


def wait_for(what, fn, timeout):
    end = time.time() + timeout
    last = None
    while time.time() < end:
        last = fn()
        if last:
            return last
        time.sleep(0.25)
    raise AssertionError("timed out waiting for %s (last: %r)" % (what, last))


def main():
    if len(sys.argv) != 3:
        print("usage: test_web.py BUILD_DIR SAMPLES_DIR")
        return 1
    build, samples = sys.argv[1], sys.argv[2]
    chromium = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        print("SKIP: chromium or chromedriver not installed (scripts/install-deps.sh installs them)")
        return SKIP
    sample = os.path.abspath(os.path.join(samples, "sample-000.png"))
    with open(os.path.join(samples, "sample-000.expected.json")) as f:
        amc_number = json.load(f)["amc"]["number"]

    tmp = tempfile.mkdtemp(prefix="amcread_web.")
    token = "web-test-" + os.urandom(12).hex()
    tok_file = os.path.join(tmp, "token")
    fd = os.open(tok_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, (token + "\n").encode())
    os.close(fd)

    procs = []
    wd = None
    failed = False
    try:
        srv_log = open(os.path.join(tmp, "serve.log"), "w+")
        srv = subprocess.Popen([os.path.join(build, "amcread"), "serve", "--port", "0",
                                "--token-file", tok_file, "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=srv_log)
        procs.append(srv)

        def port_line():
            srv_log.seek(0)
            for line in srv_log:
                if "listening on http://127.0.0.1:" in line:
                    return int(line.split("127.0.0.1:")[1].split("/")[0])
            if srv.poll() is not None:
                raise AssertionError("amcread serve exited with %s" % srv.returncode)
            return None
        port = wait_for("amcread serve to listen", port_line, 30)

        dport = free_port()
        drv = subprocess.Popen([driver, "--port=%d" % dport], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        procs.append(drv)
        wd = WebDriver(dport)

        def driver_ready():
            try:
                return wd.call("GET", "/status", timeout=2).get("ready")
            except Exception:
                return False
        wait_for("chromedriver", driver_ready, 30)
        wd.start(chromium, os.path.join(tmp, "profile"))
        url = "http://127.0.0.1:%d/" % port
        wd.s("POST", "/url", {"url": url})

        # the token is asked first, and nothing else is shown
        assert wd.js("return !document.getElementById('token-section').hidden"), "token form not shown"
        assert wd.js("return document.getElementById('upload-section').hidden"), "upload shown before token"
        wd.s("POST", "/element/%s/value" % wd.find("#token"), {"text": token})
        wd.s("POST", "/element/%s/click" % wd.find("#token-form button[type=submit]"), {})
        assert wd.js("return !document.getElementById('upload-section').hidden"), "upload not shown"

        # kept for the session: a reload does not ask again
        wd.s("POST", "/url", {"url": url})
        assert wd.js("return document.getElementById('token-section').hidden"), "token asked again after reload"

        # upload the sample through the file input (what "Choisir un fichier" opens)
        wd.s("POST", "/element/%s/value" % wd.find("#file"), {"text": sample})
        record = wait_for("the AMC number in the patient record",
                          lambda: (lambda t: t if amc_number in (t or "") else None)(
                              wd.js("return document.getElementById('record').innerText")), 90)
        print("ok - patient record shows AMC number %s" % amc_number)

        img = wd.js("const i = document.getElementById('page-img');"
                    "return [i.complete, i.naturalWidth, i.naturalHeight];")
        assert img[0] and img[1] > 500 and img[2] > 500, "annotated page image not shown: %r" % img
        rects = wd.js("return document.querySelectorAll('#overlay rect').length")
        assert rects > 0, "no evidence box over the page"
        copy_btn = wd.js("return !!document.querySelector('#record button[data-field=amc_number]')")
        assert copy_btn, "no copy button for the AMC number"
        nguar = wd.js("return document.querySelectorAll('#guarantees tbody tr').length")
        assert nguar > 0, "guarantees table empty"
        verdict = wd.js("return document.getElementById('verdict').innerText")
        assert verdict, "no practice verdict"
        print("ok - page image %dx%d, %d boxes, %d guarantees, verdict: %s"
              % (img[1], img[2], rects, nguar, verdict))

        shot = wd.s("GET", "/screenshot")
        if shot:
            import base64
            with open(os.path.join(build, "web_test.png"), "wb") as f:
                f.write(base64.b64decode(shot))

        # a wrong token sends the receptionist back to the token form
        wd.js("sessionStorage.setItem('amcread.token', 'wrong-token-0123456789');")
        wd.s("POST", "/element/%s/value" % wd.find("#file"), {"text": sample})
        wait_for("the token form after a 401",
                 lambda: wd.js("return !document.getElementById('token-section').hidden"), 30)
        print("ok - a refused token asks for it again")
        _ = record
    except Exception as e:  # report, clean up, fail
        print("FAIL: %s" % e)
        failed = True
    finally:
        if wd and wd.sid:
            try:
                wd.s("DELETE", "")
            except Exception:
                pass
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if procs and procs[0].returncode != 0:
            print("FAIL: amcread serve did not stop cleanly on SIGTERM (exit %s)" % procs[0].returncode)
            failed = True
        elif procs:
            print("ok - amcread serve stopped cleanly on SIGTERM")
        with open(os.path.join(tmp, "serve.log")) as f:
            log = f.read()
        if token in log:
            print("FAIL: the token appears in the service's log")
            failed = True
        if failed:
            sys.stdout.write("---- serve log ----\n" + log)
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % ((0, 1) if failed else (1, 0)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
