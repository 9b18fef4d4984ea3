"""Prints benchmarks/quality-parity.sh's table: the stored quality of each file beside llama-perplexity's figures."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import llama_perplexity_log  # noqa: E402

TYPES = ["f16", "q8_0", "q4_k_m", "q4_0", "q3_k_m", "q2_k"]
# llama-perplexity prints mean KLD with 6 decimals: below 5e-5 its last digit is coarser than 1 %.
PRINT_RESOLUTION = 5e-7


def stored(out):
    text = open(os.path.join(out, "cluster.json"), encoding="utf-8").read()
    data = json.loads(text)
    rows = data if isinstance(data, list) else data.get("results", [])
    found = {}
    for row in rows:
        quality = row.get("quality")
        if quality and quality.get("source") == "measured":
            found[row["model"]] = (quality, row)
    return found


def speed(rows_by_model, rows, model, scenario):
    for row in rows:
        if row.get("model") == model and row.get("scenario") == scenario:
            return row.get("tokensPerSecond") or row.get("headline", {}).get("tokensPerSecond")
    return None


def fmt(value):
    return "" if value is None else f"{value:.6f}"


def fmt1(value):
    return "" if value is None else f"{value:,.1f}"


def ratio(a, b):
    return "" if a is None or b in (None, 0) else f"{a / b:.4f}"


def main(out):
    ours = stored(out)
    print("| file | PPL ours | PPL llama-perplexity | ratio | mean KLD ours | mean KLD llama-perplexity | ratio | "
          "KLD p99 ours / theirs | top-1 ours / theirs % | tasks ours / theirs % |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    worst_ppl, worst_kld, within_print = 0.0, 0.0, 0
    for t in TYPES:
        name = f"trained-tiny-{t}"
        theirs = llama_perplexity_log.read(os.path.join(out, f"llama-perplexity-{t}.log"))
        quality, _ = ours.get(name, ({}, {}))
        ppl_theirs = theirs.get("ppl") if t == "f16" else theirs.get("ppl_q")
        ppl_ours = quality.get("perplexity")
        kld_ours = quality.get("klDivergenceMean")
        kld_theirs = theirs.get("kld_mean")
        if ppl_ours and ppl_theirs:
            worst_ppl = max(worst_ppl, abs(ppl_ours / ppl_theirs - 1))
        if t != "f16" and kld_ours is not None and kld_theirs:
            if abs(kld_ours - kld_theirs) <= PRINT_RESOLUTION:
                within_print += 1
            else:
                worst_kld = max(worst_kld, abs(kld_ours / kld_theirs - 1))
        top_ours = quality.get("top1Agreement")
        task = quality.get("taskAccuracy")
        task_theirs = llama_perplexity_log.hellaswag_accuracy(os.path.join(out, f"llama-hellaswag-{t}.log"))
        print(f"| {t} | {ppl_ours or '':.6} | {ppl_theirs or ''} | {ratio(ppl_ours, ppl_theirs)} | "
              f"{'' if kld_ours is None else f'{kld_ours:.6f}'} | {kld_theirs if kld_theirs is not None else ''} | "
              f"{ratio(kld_ours, kld_theirs)} | {fmt(quality.get('klDivergenceP99'))} / {fmt(theirs.get('kld_p99'))} | "
              f"{'' if top_ours is None else f'{100 * top_ours:.3f}'} / {theirs.get('same_top', '')} | "
              f"{'' if task is None else f'{100 * task:.1f}'} / {'' if task_theirs is None else f'{task_theirs:.1f}'} |")
    print()
    print("| file | pp512 t/s | tg128 t/s | $/1M output tokens (tg128) | scored t/s (quality job) |")
    print("|---|---|---|---|---|")
    rows = json.load(open(os.path.join(out, "cluster.json"), encoding="utf-8"))
    for t in TYPES:
        name = f"trained-tiny-{t}"
        pp = next((r for r in rows if r.get("model") == name and r.get("scenario") == "pp512"), {})
        tg = next((r for r in rows if r.get("model") == name and r.get("scenario") == "tg128"), {})
        usd = (tg.get("cost") or {}).get("usdPerMTokOutput")
        scored = ours.get(name, ({}, {}))[0].get("scoredTokensPerSecond")
        print(f"| {t} | {fmt1(pp.get('tokensPerSecond'))} | {fmt1(tg.get('tokensPerSecond'))} | "
              f"{'' if usd is None else f'{usd:.4f}'} | {fmt1(scored)} |")
    print()
    print(f"largest perplexity difference: {100 * worst_ppl:.4f} % (goal 0.1 %); "
          f"largest mean KLD difference: {100 * worst_kld:.3f} % (goal 1 %), not counting {within_print} file(s) whose "
          f"difference is within the last digit llama-perplexity prints")


if __name__ == "__main__":
    main(sys.argv[1])
