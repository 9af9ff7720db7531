#!/usr/bin/python3
"""dkimpy (Debian python3-dkim) as an ARC interop peer for inkan's tests.

  arc-dkimpy-peer.py JOBS.json   -> prints a JSON list with one result per job

Jobs (the JOBS.json format, its key records and the runner are in dkimpy_jobs.py beside this script):
  {"mode": "verify", "message": PATH}  -> {"cv": "pass"|"fail"|"none", "reason": "..."}
  {"mode": "seal", "message": PATH, "out": PATH, "selector", "domain", "key": PATH, "algorithm", "srv_id", "headers": [..], "timestamp"}
                                       -> {"ok": true} after writing the sealed message to "out"
"""
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout

import dkim  # noqa: E402
from dkimpy_jobs import run_jobs, text  # noqa: E402


def verify(job, dnsfunc):
    with open(job['message'], 'rb') as f:
        message = f.read()
    cv, results, reason = dkim.arc_verify(message, dnsfunc=dnsfunc, minkey=1024)
    return {'cv': text(cv), 'reason': text(reason)}


def seal(job, _dnsfunc):
    with open(job['message'], 'rb') as f:
        message = f.read()
    with open(job['key'], 'rb') as f:
        key = f.read()
    headers = [h.encode() for h in job['headers']]
    sig = dkim.arc_sign(message, job['selector'].encode(), job['domain'].encode(), key, job['srv_id'].encode(),
                        signature_algorithm=job['algorithm'].encode(), include_headers=headers,
                        timestamp=int(job['timestamp']))  # dkimpy formats it with str()
    with open(job['out'], 'wb') as f:
        f.write(b''.join(sig) + message)
    return {'ok': True}


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    run_jobs(sys.argv[1], {'verify': verify, 'seal': seal})
