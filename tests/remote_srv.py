#!/usr/bin/python3
# Test servers for tests/remote.sh, on 127.0.0.1 and a port the kernel
# picks (written to PORTFILE once listening, so the test never races).
#   remote_srv.py ftp|http|https|silent ROOT PORTFILE [CERT]
# ftp logs in user "alice" with $SRV_PASSWORD; with $SRV_LOG it appends
# "login alice" or "login-failed alice" per login, and "sent PATH" per
# file sent, to that file; with $SRV_MAXUSERS=N it refuses (530) a
# login while N sessions are logged in, as proftpd's MaxClientsPerUser
# does; with $SRV_MAXCONNS=N it turns a connection away (421) while N
# are open, as vsftpd's max_per_ip does.  (FTPS is vsftpd's: with
# pyftpdlib 1.5.7 the TLS data connection fails against curl.)  http/https serve ROOT with an autoindex and
# require that password (Basic) when $SRV_PASSWORD is set; with $SRV_LOG
# they append "<requests in progress> <path>" per GET to that file, and
# "401 <path>" per refused one, and
# take $SRV_DELAY seconds (default 0) over each.  "silent" accepts
# connections and never answers.  With $SRV_CONNLOG, http, https and
# silent append "connect" per connection accepted to that file.  With
# $SRV_LASTMOD, http and https send it as every Last-Modified.
import base64
import functools
import http.server
import os
import socket
import ssl
import sys
import threading
import time

proto, root, portfile = sys.argv[1:4]
cert = sys.argv[4] if len(sys.argv) > 4 else None
password = os.environ.get("SRV_PASSWORD")
reqlog = os.environ.get("SRV_LOG")
connlog = os.environ.get("SRV_CONNLOG")
delay = float(os.environ.get("SRV_DELAY", "0"))
lastmod = os.environ.get("SRV_LASTMOD")
lock = threading.Lock()
active = 0


def connected():
    if connlog is not None:
        with lock, open(connlog, "a") as f:
            f.write("connect\n")


def ready(port):
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, portfile)


if proto == "ftp":
    from pyftpdlib.authorizers import AuthenticationFailed, DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer
    import logging
    logging.basicConfig(level=logging.DEBUG if os.environ.get("SRV_DEBUG") else logging.WARNING)

    maxusers = int(os.environ.get("SRV_MAXUSERS", "0"))
    sessions = [0]

    class LimitAuthorizer(DummyAuthorizer):
        def validate_authentication(self, username, password, handler):
            if maxusers and sessions[0] >= maxusers:
                raise AuthenticationFailed("too many sessions")
            DummyAuthorizer.validate_authentication(self, username,
                                                    password, handler)

    auth = LimitAuthorizer()
    auth.add_user("alice", password or "", root, perm="elr")
    class LoggingFTPHandler(FTPHandler):
        counted = False

        def on_disconnect(self):
            if self.counted:
                sessions[0] -= 1
                self.counted = False

        def note(self, what, username):
            if reqlog is not None:
                with open(reqlog, "a") as f:
                    f.write("%s %s\n" % (what, username))

        def on_login(self, username):
            sessions[0] += 1
            self.counted = True
            self.note("login", username)

        def on_login_failed(self, username, password):
            self.note("login-failed", username)

        def on_file_sent(self, file):
            self.note("sent", file)

    handler = LoggingFTPHandler
    handler.authorizer = auth
    # pyftpdlib waits 3 s before it answers 530, against password guessing;
    # the tests log in wrong on purpose and need not wait.
    handler.auth_failed_timeout = 0.1
    server = FTPServer(("127.0.0.1", 0), handler)
    server.max_cons_per_ip = int(os.environ.get("SRV_MAXCONNS", "0"))
    ready(server.socket.getsockname()[1])
    server.serve_forever()
elif proto in ("http", "https"):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def setup(self):
            connected()
            super().setup()

        def send_header(self, key, value):
            if key == "Last-Modified" and lastmod is not None:
                value = lastmod
            super().send_header(key, value)

        def do_GET(self):
            if password is not None:
                want = base64.b64encode(("alice:" + password)
                                        .encode()).decode()
                if self.headers.get("Authorization") != "Basic " + want:
                    if reqlog is not None:
                        with lock, open(reqlog, "a") as f:
                            f.write("401 %s\n" % self.path)
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="p"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            if self.path.startswith("/redirect-away"):
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.2:9/x.cfg")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if reqlog is None:
                super().do_GET()
                return
            global active
            with lock:
                active += 1
                with open(reqlog, "a") as f:
                    f.write("%d %s\n" % (active, self.path))
            # Counted until the answer starts: a client cannot have it,
            # and start its next request, before the count went down.
            try:
                time.sleep(delay)
            finally:
                with lock:
                    active -= 1
            super().do_GET()

    handler = functools.partial(Handler, directory=root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if proto == "https":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    ready(server.server_address[1])
    server.serve_forever()
elif proto == "silent":
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(64)
    ready(s.getsockname()[1])
    conns = []
    while True:
        c, _ = s.accept()
        conns.append(c)
        connected()
else:
    sys.exit("remote_srv.py: unknown protocol " + proto)
