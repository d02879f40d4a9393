#!/usr/bin/env python3
"""The floor of bench/run-copy.sh: copies blobs between two registries as plainly as can be.

    copy-limit.py SRC_URL SRC_REPO DST_URL DST_REPO DIGEST...

Each blob at once in its own thread: POST a fresh upload session at the destination, GET the
blob from the source and stream it into one PATCH (its Content-Length), 1 MiB at a time
through one reused buffer (BUFFER in the environment: another size), then PUT ?digest=. No hashing, no retries, no TLS, no auth: what
the two registries allow on this machine, with the least a client can add. Plain HTTP only.
"""
import http.client
import os
import sys
import threading
import urllib.parse

BUFFER = int(os.environ.get('BUFFER', 1 << 20))  # bytes per read and send


def target(location):
    parts = urllib.parse.urlsplit(location)
    return parts.path + ('?' + parts.query if parts.query else '')


def answer(connection, expected):
    response = connection.getresponse()
    response.read()
    if response.status != expected:
        raise RuntimeError(f'HTTP {response.status}, expected {expected}')
    return response.getheader('Location')


def copy(source, source_repo, destination, destination_repo, digest):
    src = http.client.HTTPConnection(source.netloc, timeout=600)
    dst = http.client.HTTPConnection(destination.netloc, timeout=600)
    dst.request('POST', f'/v2/{destination_repo}/blobs/uploads/', headers={'Content-Length': '0'})
    location = answer(dst, 202)
    src.request('GET', f'/v2/{source_repo}/blobs/{digest}')
    got = src.getresponse()
    if got.status != 200:
        raise RuntimeError(f'GET: HTTP {got.status}')
    size = int(got.getheader('Content-Length'))
    dst.putrequest('PATCH', target(location), skip_accept_encoding=True)
    dst.putheader('Content-Type', 'application/octet-stream')
    dst.putheader('Content-Length', str(size))
    dst.endheaders()
    view = memoryview(bytearray(BUFFER))
    left = size
    while left:
        n = got.readinto(view[:min(BUFFER, left)])
        if not n:
            raise RuntimeError('the GET ended early')
        dst.sock.sendall(view[:n])
        left -= n
    location = target(answer(dst, 202))
    separator = '&' if '?' in location else '?'
    dst.request('PUT', f'{location}{separator}digest={digest}', headers={'Content-Length': '0'})
    answer(dst, 201)


def main():
    source, source_repo, destination, destination_repo = sys.argv[1:5]
    failures = []

    def run(digest):
        try:
            copy(urllib.parse.urlsplit(source), source_repo,
                 urllib.parse.urlsplit(destination), destination_repo, digest)
        except Exception as e:  # reported below; the bench fails
            failures.append(f'{digest}: {e}')

    threads = [threading.Thread(target=run, args=(d,)) for d in sys.argv[5:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
