#!/usr/bin/env python3
"""Ratios of what the cluster stored to what llama.cpp's tools measured, per round and as medians over rounds.

Reads the folder benchmarks/cluster-parity.sh writes: llama-bench-<model>-<round>.json (llama-bench -o json),
batched-bench-<round>.jsonl (llama-batched-bench --output-format jsonl; the first line of a round is its warm-up and is
dropped) and cluster-<round>.json (benchcluster run --format json: one result per point, camelCase).
"""
import glob
import json
import os
import statistics
import sys

folder, qwen, tiny = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = sorted(os.path.basename(p)[len("cluster-"):-len(".json")] for p in glob.glob(os.path.join(folder, "cluster-*.json")))


def llama_bench(model, round_, n_prompt, n_gen):
    with open(os.path.join(folder, f"llama-bench-{model}-{round_}.json")) as f:
        for record in json.load(f):
            if record["n_prompt"] == n_prompt and record["n_gen"] == n_gen:
                return record["avg_ts"]
    raise SystemExit(f"llama-bench-{model}-{round_}.json has no test n_prompt={n_prompt} n_gen={n_gen}")


def batched_bench(round_, field):
    with open(os.path.join(folder, f"batched-bench-{round_}.jsonl")) as f:
        lines = [json.loads(line) for line in f if line.strip().startswith("{")]
    if len(lines) < 2:
        raise SystemExit(f"batched-bench-{round_}.jsonl holds {len(lines)} runs; expected the warm-up and at least one more")
    return statistics.mean(line[field] for line in lines[1:])


def cluster(round_):
    with open(os.path.join(folder, f"cluster-{round_}.json")) as f:
        data = json.load(f)
    return data if isinstance(data, list) else data.get("results", [])


def stored(results, model, scenario, metric=None):
    for r in results:
        if r["model"] == model and r["scenario"] == scenario:
            if metric is None:
                return r["tokensPerSecond"], r
            for m in r.get("metrics", []):
                if m["name"] == metric:
                    return m["mean"], r
    raise SystemExit(f"the cluster stored no result for {model} / {scenario} {metric or ''}")


rows = [  # label, cluster (model, scenario, metric), llama.cpp value
    ("0.5B pp512", ("qwen2.5-0.5b", "pp512", None), lambda r: llama_bench(qwen, r, 512, 0)),
    ("0.5B tg128", ("qwen2.5-0.5b", "tg128", None), lambda r: llama_bench(qwen, r, 0, 128)),
    ("0.5B batched x8 S_PP", ("qwen2.5-0.5b", "batched8", "batched_prompt_tokens_per_s"), lambda r: batched_bench(r, "speed_pp")),
    ("0.5B batched x8 S_TG", ("qwen2.5-0.5b", "batched8", "batched_generation_tokens_per_s"), lambda r: batched_bench(r, "speed_tg")),
    ("tiny pp512", ("tiny", "pp512", None), lambda r: llama_bench(tiny, r, 512, 0)),
    ("tiny tg128", ("tiny", "tg128", None), lambda r: llama_bench(tiny, r, 0, 128)),
]

ratios = {label: [] for label, _, _ in rows}
print()
print("| round | test | stored t/s (verdict) | llama.cpp t/s | ratio | background CPU % of a core / engine preemptions |")
print("|---|---|---:|---:|---:|---|")
for round_ in rounds:
    results = cluster(round_)
    for label, (model, scenario, metric), reference in rows:
        value, record = stored(results, model, scenario, metric)
        ref = reference(round_)
        ratios[label].append(value / ref)
        provenance = record.get("provenance", {})
        cpu, switches = provenance.get("backgroundCpuPercent"), provenance.get("engineInvoluntarySwitches")
        note = "not recorded" if cpu is None else f"{cpu:.1f} % / {switches}"
        print(f"| {int(round_)} | {label} | {value:,.2f} ({record['verdict']}) | {ref:,.2f} | {value / ref:.3f} | {note} |")

print()
print("| test | median ratio stored / llama.cpp | per round |")
print("|---|---:|---|")
for label, values in ratios.items():
    print(f"| {label} | {statistics.median(values):.3f} | {', '.join(f'{v:.3f}' for v in values)} |")
