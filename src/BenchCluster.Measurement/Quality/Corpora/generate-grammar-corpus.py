#!/usr/bin/env python3
"""Writes BenchCluster's grammar corpus: sentences of a small English grammar, seeded, for the trained tiny model.

    python3 generate-grammar-corpus.py CHARS SEED > FILE

GrammarCorpus.train.txt is `180000 7` (what `benchcluster train` learns from by default, corpus name grammar-train);
GrammarCorpus.eval.txt is `40000 99` (held out, corpus name grammar). Same arguments, same bytes (Python's seeded
random.Random). Every word list and template below was written for BenchCluster; the output is CC0 like the rest of
the bundled text (BundledCorpus.LICENSE.md).

Why a grammar: a 4-layer model trained for minutes on the 78 kB prose corpus learns little more than token
frequencies (perplexity about 486), its weights stay close to their random start, and on such weights Q4_K_M is not
closer to F16 than Q4_0. Sentences with structure it can learn (agreement, fixed facts, sums, calendar order) take it
to a perplexity near 13 in three epochs, and its quantized siblings order as on real models (docs/quality.md).
"""
import random
import sys

if len(sys.argv) != 3 or not sys.argv[1].isdigit() or not sys.argv[2].isdigit():
    sys.exit("usage: generate-grammar-corpus.py CHARS SEED")
rng = random.Random(int(sys.argv[2]))
target = int(sys.argv[1])
names = ["Mira","Tomas","Ana","Jonah","Lena","Omar","Ruth","Felix","Ida","Samuel","Nora","Victor","Elena","Hugo","Clara","Ravi"]
places = ["the harbour","the market","the old mill","the library","the bakery","the station","the garden","the bridge","the school","the workshop","the hill","the river"]
animals = [("cat","cats"),("dog","dogs"),("fox","foxes"),("horse","horses"),("bird","birds"),("goat","goats"),("owl","owls"),("rabbit","rabbits")]
adjs = ["small","old","quiet","bright","heavy","warm","cold","green","tired","clever","slow","gentle"]
objs = [("book","books"),("lamp","lamps"),("letter","letters"),("basket","baskets"),("key","keys"),("cup","cups"),("box","boxes"),("map","maps"),("coat","coats"),("bell","bells")]
verbs = [("carried","carries"),("found","finds"),("opened","opens"),("painted","paints"),("mended","mends"),("lost","loses"),("cleaned","cleans"),("sold","sells")]
colours = ["red","blue","yellow","white","black","brown"]
capital = {"Norland":"Varsk","Essia":"Tull","Merrow":"Cade","Orlan":"Pesk","Galdor":"Imra","Sunvale":"Rook","Tarn":"Ebbet","Willow":"Dunmore"}
numw = ["zero","one","two","three","four","five","six","seven","eight","nine","ten","eleven","twelve"]
days = ["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday","Sunday"]
months = ["January","February","March","April","May","June","July","August","September","October","November","December"]
def np_():
    o = rng.choice(objs); a = rng.choice(adjs)
    n = rng.randint(1, 6)
    if n == 1: return f"the {a} {o[0]}"
    return f"{numw[n]} {a} {o[1]}"
def s_story():
    who = rng.choice(names); v = rng.choice(verbs); p = rng.choice(places)
    return f"{who} {v[0]} {np_()} at {p}."
def s_habit():
    who = rng.choice(names); v = rng.choice(verbs)
    return f"Every {rng.choice(days)}, {who} {v[1]} {np_()}."
def s_fact():
    c = rng.choice(list(capital))
    return rng.choice([f"The capital of {c} is {capital[c]}.", f"{capital[c]} is the capital of {c}."])
def s_sum():
    a = rng.randint(0, 6); b = rng.randint(0, 6)
    return f"{numw[a].capitalize()} plus {numw[b]} is {numw[a+b]}."
def s_count():
    a = rng.randint(1, 9); an = rng.choice(animals)
    return f"There {'is' if a==1 else 'are'} {numw[a]} {an[0] if a==1 else an[1]} near {rng.choice(places)}."
def s_order():
    i = rng.randrange(0, 11)
    return f"After {months[i]} comes {months[i+1]}."
def s_day():
    i = rng.randrange(0, 6)
    return f"The day after {days[i]} is {days[i+1]}."
def s_colour():
    o = rng.choice(objs)[0]; c = rng.choice(colours); who = rng.choice(names)
    return f"{who} has a {c} {o}, and the {o} is {c}."
def s_weather():
    return rng.choice(["It rained all morning, so", "The sun came out at noon, so", "The wind was strong, so"]) + f" {rng.choice(names)} stayed at {rng.choice(places)}."
gens = [s_story, s_habit, s_fact, s_sum, s_count, s_order, s_day, s_colour, s_weather]
out = []; size = 0
while size < target:
    para = " ".join(rng.choice(gens)() for _ in range(rng.randint(3, 7)))
    out.append(para); size += len(para) + 2
sys.stdout.write("\n\n".join(out) + "\n")
