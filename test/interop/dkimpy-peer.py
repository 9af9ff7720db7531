#!/usr/bin/python3
"""dkimpy (Debian python3-dkim) as an interop peer for inkan's tests.

  dkimpy-peer.py JOBS.json   -> prints a JSON list with one result per job

Jobs (the JOBS.json format, its key records and the runner are in dkimpy_jobs.py beside this script):
  {"mode": "verify", "message": PATH}  -> {"verdicts": [{"pass", "error"?, "selector"}, ...]} one per DKIM-Signature, top first
  {"mode": "sign", "message": PATH, "out": PATH, "selector", "domain", "key": PATH, "algorithm", "canonicalization"}
                                       -> {"ok": true} after writing the signed message to "out"
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout

import dkim  # noqa: E402
from dkimpy_jobs import run_jobs, text  # noqa: E402


def verify(job, dnsfunc):
    with open(job['message'], 'rb') as f:
        message = f.read()
    d = dkim.DKIM(message, minkey=1024)
    count = sum(1 for name, _ in d.headers if name.lower() == b'dkim-signature')
    verdicts = []
    for idx in range(count):
        entry = {}
        try:
            entry['pass'] = bool(d.verify(idx=idx, dnsfunc=dnsfunc))
        except dkim.DKIMException as e:
            entry['pass'] = False
            entry['error'] = str(e)
        entry['selector'] = text(d.selector)
        verdicts.append(entry)
    return {'verdicts': verdicts}


def sign(job, _dnsfunc):
    with open(job['message'], 'rb') as f:
        message = f.read()
    with open(job['key'], 'rb') as f:
        key = f.read()
    header, body = job['canonicalization'].split('/')
    sig = dkim.sign(message, job['selector'].encode(), job['domain'].encode(), key,
                    canonicalize=(header.encode(), body.encode()),
                    signature_algorithm=job['algorithm'].encode())
    with open(job['out'], 'wb') as f:
        f.write(sig + message)
    return {'ok': True}


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    run_jobs(sys.argv[1], {'verify': verify, 'sign': sign})
