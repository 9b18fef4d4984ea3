"""Prints a copy of a workload suite that measures one OpenAI-compatible server (benchmarks/workloads.sh).

Every endpoint model's base_url points at the server; a suite of in-process models gets one endpoint model in their
place, serving the same file (chat when the workload holds conversations, so turns go as messages). The suite's name
gains the server's name, so both runs are told apart in the results.

    python3 endpoint_suite.py SUITE BASE_URL MODEL_ALIAS SERVER_NAME
"""
import re
import sys

suite, base_url, alias, server = sys.argv[1:5]
lines = open(suite, encoding="utf-8").read().splitlines()
has_endpoint = any("endpoint:" in line and not line.lstrip().startswith("#") for line in lines)
chat = any(re.match(r"^\s*(conversation|shared_prefix):", line) for line in lines)
out = []
in_models = False
replaced = False
for line in lines:
    if re.match(r"^name:\s*", line):
        line = f"{line.rstrip()}-{server}"
    if re.match(r"^models:\s*$", line):
        in_models = True
        out.append(line)
        continue
    if in_models and re.match(r"^\S", line):
        in_models = False
    if in_models and not has_endpoint and re.match(r"^\s*-\s*\{name:", line):
        if not replaced:
            out.append(f'  - {{name: endpoint, endpoint: {{base_url: "{base_url}", model: {alias}, chat: {"true" if chat else "false"}}}}}')
            replaced = True
        continue
    line = re.sub(r'base_url:\s*"?http://[^",} ]*"?', f'base_url: "{base_url}"', line)
    out.append(line)
print("\n".join(out))
