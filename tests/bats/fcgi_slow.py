#!/usr/bin/env python3
"""fcgi_slow.py SOCKET PAUSE_FILE: one FastCGI request sent straight to the pool's unix socket,
in two halves: BEGIN_REQUEST and PARAMS (GET /health with a 5-byte body), then it touches
PAUSE_FILE and waits until PAUSE_FILE is removed, then sends the body and prints the answer.
The worker holds an unfinished request meanwhile: a test signals the pool in that window."""
import os, socket, struct, sys, time

def record(rtype, content, rid=1):
    return struct.pack("!BBHHBx", 1, rtype, rid, len(content), 0) + content

def pair(k, v):
    k, v = k.encode(), v.encode()
    return bytes([len(k)]) + bytes([len(v)]) + k + v

sock_path, pause = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.connect(sock_path)
params = b"".join(pair(k, v) for k, v in [
    ("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/health"), ("PATH_INFO", "/health"),
    ("QUERY_STRING", ""), ("SCRIPT_NAME", ""), ("CONTENT_LENGTH", "5"),
    ("SERVER_PROTOCOL", "HTTP/1.1"), ("GATEWAY_INTERFACE", "CGI/1.1")])
s.sendall(record(1, struct.pack("!HB5x", 1, 0)) + record(4, params) + record(4, b""))
open(pause, "w").close()
deadline = time.time() + 20
while os.path.exists(pause) and time.time() < deadline:
    time.sleep(0.05)
s.sendall(record(5, b"hello") + record(5, b""))
out = b""
while True:
    hdr = s.recv(8, socket.MSG_WAITALL)
    if len(hdr) < 8:
        break
    _, rtype, _, clen, plen = struct.unpack("!BBHHBx", hdr)
    body = s.recv(clen + plen, socket.MSG_WAITALL)[:clen] if clen + plen else b""
    if rtype == 6:
        out += body
    elif rtype == 3:
        break
sys.stdout.write(out.decode("utf-8", "replace"))
