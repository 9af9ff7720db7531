"""What both dkimpy peer scripts share: the JOBS.json runner and its no-DNS key lookup.

JOBS.json: {"records": {"sel._domainkey.example.com": "v=DKIM1; ..."}, "jobs": [{"mode": ..., ...}, ...]}.
Key records come from "records", so no DNS is used. One process runs every job: importing dkim is slow.
"""
import json


def text(value):
    return value.decode() if isinstance(value, bytes) else (value or '')


def run_jobs(path, handlers):
    """Run each job with handlers[job['mode']](job, dnsfunc); print a JSON list with one result per job."""
    with open(path, encoding='utf-8') as f:
        spec = json.load(f)
    records = {k.lower().rstrip('.'): v for k, v in spec.get('records', {}).items()}

    def dnsfunc(name, timeout=5):
        value = records.get(text(name).lower().rstrip('.'))
        return value.encode() if value is not None else None

    results = []
    for job in spec['jobs']:
        try:
            results.append(handlers[job['mode']](job, dnsfunc))
        except Exception as e:  # a peer failure is a result: report it, do not stop the other jobs
            results.append({'error': '%s: %s' % (type(e).__name__, e)})
    print(json.dumps(results))
