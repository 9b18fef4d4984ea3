namespace BenchCluster.Engine.Inference;

/// <summary>
/// N sequences in one context, as llama-batched-bench runs them: all prompts go through shared decodes (chunked by
/// n_batch), then every step is one decode carrying the next token of every live sequence. With DecodeEveryToken,
/// TokenCount tokens are TokenCount steps, as llama-batched-bench's tg.
/// </summary>
internal sealed partial class SessionDecoder
{
    public BatchedGenerationTrace GenerateBatched(BatchedGenerationRequest request, CancellationToken cancellationToken)
    {
        var n = request.Prompts.Count;
        if (n < 1 || n > MaxSequences)
            throw new InferenceException(
                $"BatchedGenerationRequest.Prompts holds {n} prompts: use 1 to {MaxSequences} (SessionOptions.MaxSequences; raise it for more).",
                InferenceErrorKind.InvalidArgument);
        SessionOptionsValidation.TokenCount(request.TokenCount, "BatchedGenerationRequest.TokenCount");
        SessionOptionsValidation.Check(request.Sampling);

        // An empty prompt continues the sequence from its last generated token, or from the start token.
        var prompts = new IReadOnlyList<int>[n];
        var promptTokenCount = 0;
        for (var s = 0; s < n; s++)
        {
            var prompt = request.Prompts[s];
            prompts[s] = prompt.Count > 0 ? prompt : [_pendingTokens[s] != NoToken ? _pendingTokens[s] : StartToken];
            CheckTokens(prompts[s], $"prompt of sequence {s}");
            CheckFits(s, prompts[s].Count, request.DecodeEveryToken ? request.TokenCount : request.TokenCount - 1);
            promptTokenCount += prompts[s].Count;
        }

        var tokens = new int[n][];
        var times = new long[n][];
        var produced = new int[n];
        var stopped = new bool[n];
        var choosers = new TokenChooser[n];
        for (var s = 0; s < n; s++)
        {
            tokens[s] = new int[request.TokenCount];
            times[s] = new long[request.TokenCount];
            choosers[s] = new TokenChooser(request.Sampling, unchecked(request.Sampling.Seed + (uint)s), VocabularySize);
        }

        try
        {
            var start = Now();
            var promptEnd = DecodePrompts(prompts, choosers, tokens, times, produced, stopped, request, cancellationToken);
            GenerateSteps(request, choosers, tokens, times, produced, stopped, cancellationToken);

            var sequences = new GenerationTrace[n];
            for (var s = 0; s < n; s++)
            {
                _pendingTokens[s] = tokens[s][produced[s] - 1];
                var count = produced[s];
                sequences[s] = new GenerationTrace
                {
                    StartNs = start,
                    Tokens = count == tokens[s].Length ? tokens[s] : tokens[s][..count],
                    TokenNs = count == times[s].Length ? times[s] : times[s][..count],
                    StoppedAtEndOfGeneration = stopped[s],
                };
            }
            return new BatchedGenerationTrace { StartNs = start, PromptEndNs = promptEnd, PromptTokenCount = promptTokenCount, Sequences = sequences };
        }
        finally
        {
            foreach (var chooser in choosers)
                chooser.Dispose();
        }
    }

    /// <summary>
    /// Decodes all prompts; unless DecodeEveryToken, each sequence's first token is chosen right after the decode that
    /// held its last prompt token.
    /// </summary>
    private long DecodePrompts(IReadOnlyList<int>[] prompts, TokenChooser[] choosers, int[][] tokens, long[][] times,
        int[] produced, bool[] stopped, BatchedGenerationRequest request, CancellationToken cancellationToken)
    {
        var n = prompts.Length;
        var outputSequence = new int[n];
        var outputIndex = new int[n];
        var outputs = 0;
        var decodeEnd = Now();

        _batch.Clear();
        for (var s = 0; s < n; s++)
        {
            var prompt = prompts[s];
            for (var i = 0; i < prompt.Count; i++)
            {
                if (_batch.Count == 0)
                    cancellationToken.ThrowIfCancellationRequested(); // positions advance only for tokens that get decoded
                var last = i == prompt.Count - 1;
                var index = _batch.Add(prompt[i], _positions[s]++, s, output: last);
                if (last)
                {
                    outputSequence[outputs] = s;
                    outputIndex[outputs++] = index;
                }
                if (_batch.Count == BatchSize || (s == n - 1 && last))
                {
                    Decode();
                    decodeEnd = Now();
                    for (var o = 0; o < outputs && !request.DecodeEveryToken; o++)
                        Record(outputSequence[o], choosers[outputSequence[o]].Choose(Context, outputIndex[o]), tokens, times, produced, stopped, request.IgnoreEos);
                    outputs = 0;
                    _batch.Clear();
                }
            }
        }
        return decodeEnd;
    }

    private void GenerateSteps(BatchedGenerationRequest request, TokenChooser[] choosers, int[][] tokens, long[][] times,
        int[] produced, bool[] stopped, CancellationToken cancellationToken)
    {
        var n = choosers.Length;
        var live = new int[n];
        while (true)
        {
            var liveCount = 0;
            _batch.Clear();
            for (var s = 0; s < n; s++)
            {
                if (stopped[s] || produced[s] == request.TokenCount)
                    continue;
                live[liveCount++] = s;
                // llama-bench's count feeds the start token to the first step, as llama-bench's test_gen feeds BOS.
                _batch.Add(produced[s] == 0 ? StartToken : tokens[s][produced[s] - 1], _positions[s], s, output: true);
            }
            if (liveCount == 0)
                return;

            cancellationToken.ThrowIfCancellationRequested();
            Decode();
            for (var k = 0; k < liveCount; k++)
            {
                var s = live[k];
                _positions[s]++;
                Record(s, choosers[s].Choose(Context, k), tokens, times, produced, stopped, request.IgnoreEos);
            }
        }
    }

    private void Record(int sequence, int token, int[][] tokens, long[][] times, int[] produced, bool[] stopped, bool ignoreEos)
    {
        tokens[sequence][produced[sequence]] = token;
        times[sequence][produced[sequence]] = Now();
        produced[sequence]++;
        stopped[sequence] = !ignoreEos && IsEndOfGeneration(token);
    }
}
