"""Reads the figures llama-perplexity prints (plain perplexity run and --kl-divergence run)."""
import os
import re

PATTERNS = {
    "ppl": r"Final estimate: PPL = ([0-9.]+) \+/- ([0-9.]+)",
    "ppl_q": r"Mean PPL\(Q\)\s*:\s*([0-9.]+) ±\s*([0-9.]+)",
    "ppl_base": r"Mean PPL\(base\)\s*:\s*([0-9.]+) ±\s*([0-9.]+)",
    "ppl_diff": r"Mean PPL\(Q\)-PPL\(base\)\s*:\s*(-?[0-9.]+) ±\s*([0-9.]+)",
    "kld_mean": r"Mean    KLD:\s*(-?[0-9.]+) ±\s*([0-9.]+)",
    "kld_p99": r"99\.0%\s+KLD:\s*(-?[0-9.]+)",
    "kld_median": r"Median  KLD:\s*(-?[0-9.]+)",
    "kld_max": r"Maximum KLD:\s*(-?[0-9.]+)",
    "same_top": r"Same top p:\s*([0-9.]+) ±\s*([0-9.]+) %",
}


def hellaswag_accuracy(path):
    """The last per-task line of --hellaswag: task count, then the running accuracy in %."""
    last = None
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8", errors="replace"):
        match = re.match(r"^(\d+)\t([0-9.]+)%\t\[", line)
        if match:
            last = float(match.group(2))
    return last


def read(path):
    if not os.path.exists(path):
        return {}
    text = open(path, encoding="utf-8", errors="replace").read()
    found = {}
    for key, pattern in PATTERNS.items():
        match = re.search(pattern, text)
        if match:
            found[key] = float(match.group(1))
    return found
