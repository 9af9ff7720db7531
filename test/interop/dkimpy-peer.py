#!/usr/bin/python3
"""dkimpy (Debian python3-dkim) as an interop peer for inkan's tests.

  dkimpy-peer.py JOBS.json   -> prints a JSON list with one result per job

JOBS.json: {"records": {"sel._domainkey.example.com": "v=DKIM1; ..."}, "jobs": [...]} where a job is
  {"mode": "verify", "message": PATH}  -> {"verdicts": [{"pass", "error"?, "selector"}, ...]} one per DKIM-Signature, top first
  {"mode": "sign", "message": PATH, "out": PATH, "selector", "domain", "key": PATH, "algorithm", "canonicalization"}
                                       -> {"ok": true} after writing the signed message to "out"
Key records come from "records", so no DNS is used. One process runs every job: importing dkim is slow.
"""
import json
import sys

import dkim


def text(value):
    return value.decode() if isinstance(value, bytes) else (value or '')


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


def sign(job):
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


def main(path):
    with open(path, encoding='utf-8') as f:
        spec = json.load(f)
    records = {k.lower().rstrip('.'): v for k, v in spec.get('records', {}).items()}

    def dnsfunc(name, timeout=5):
        value = records.get(text(name).lower().rstrip('.'))
        return value.encode() if value is not None else None

    results = []
    for job in spec['jobs']:
        try:
            results.append(verify(job, dnsfunc) if job['mode'] == 'verify' else sign(job))
        except Exception as e:  # report, do not stop the other jobs
            results.append({'error': '%s: %s' % (type(e).__name__, e)})
    print(json.dumps(results))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
