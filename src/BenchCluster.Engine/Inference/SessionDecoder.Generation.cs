namespace BenchCluster.Engine.Inference;

/// <summary>Prompt processing and single-sequence generation.</summary>
internal sealed partial class SessionDecoder
{
    public PromptTrace ProcessPrompt(IReadOnlyList<int> tokens, int sequenceId, CancellationToken cancellationToken)
    {
        CheckSequence(sequenceId, "sequenceId");
        if (tokens.Count == 0)
            throw new InferenceException("The prompt is empty: pass at least one token to process.", InferenceErrorKind.InvalidArgument);
        CheckTokens(tokens, "prompt");
        CheckFits(sequenceId, tokens.Count, 0);

        var start = Now();
        DecodePrompt(tokens, sequenceId, cancellationToken);
        var trace = new PromptTrace(tokens.Count, start, Now());
        _pendingTokens[sequenceId] = NoToken;
        return trace;
    }

    /// <summary>
    /// With a prompt: decodes it, then token 0 comes from the prompt's last logits (TTFT) and each later token costs
    /// one decode, unless DecodeEveryToken asks for llama-bench's count (the start token fed after the prompt, one
    /// decode per token). Without one: the first decode feeds the sequence's last generated token, or the start token
    /// (llama-bench's tg), so TokenCount tokens cost TokenCount decodes.
    /// </summary>
    public GenerationTrace Generate(GenerationRequest request, CancellationToken cancellationToken)
    {
        var sequence = request.SequenceId;
        CheckSequence(sequence, "GenerationRequest.SequenceId");
        SessionOptionsValidation.TokenCount(request.TokenCount, "GenerationRequest.TokenCount");
        SessionOptionsValidation.Check(request.Sampling);
        CheckTokens(request.PromptTokens, "prompt");
        var hasPrompt = request.PromptTokens.Count > 0;
        var firstFromPrompt = hasPrompt && !request.DecodeEveryToken;
        CheckFits(sequence, request.PromptTokens.Count, firstFromPrompt ? request.TokenCount - 1 : request.TokenCount);

        var count = request.TokenCount;
        var tokens = new int[count];
        var times = new long[count];
        var produced = 0;
        var stopped = false;
        using var chooser = new TokenChooser(request.Sampling, request.Sampling.Seed, VocabularySize);

        var start = Now();
        PromptTrace? prompt = null;
        int input;
        if (hasPrompt)
        {
            var lastOutput = DecodePrompt(request.PromptTokens, sequence, cancellationToken);
            prompt = new PromptTrace(request.PromptTokens.Count, start, Now());
            if (firstFromPrompt)
            {
                input = tokens[0] = chooser.Choose(Context, lastOutput);
                times[0] = Now();
                produced = 1;
                stopped = !request.IgnoreEos && IsEndOfGeneration(input);
            }
            else
            {
                input = StartToken;
            }
        }
        else
        {
            input = _pendingTokens[sequence] != NoToken ? _pendingTokens[sequence] : StartToken;
        }

        while (produced < count && !stopped)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batch.Clear();
            _batch.Add(input, _positions[sequence], sequence, output: true);
            Decode();
            _positions[sequence]++;
            input = tokens[produced] = chooser.Choose(Context, 0);
            times[produced] = Now();
            produced++;
            stopped = !request.IgnoreEos && IsEndOfGeneration(input);
        }

        _pendingTokens[sequence] = input;
        if (produced < count)
        {
            Array.Resize(ref tokens, produced);
            Array.Resize(ref times, produced);
        }
        return new GenerationTrace
        {
            StartNs = start, Prompt = prompt, Tokens = tokens, TokenNs = times, StoppedAtEndOfGeneration = stopped,
        };
    }

    /// <summary>Decodes the tokens into one sequence in chunks of n_batch (the last token of each chunk outputs, as llama-bench); returns the last output's batch index.</summary>
    private int DecodePrompt(IReadOnlyList<int> tokens, int sequenceId, CancellationToken cancellationToken)
    {
        var lastOutput = 0;
        for (var offset = 0; offset < tokens.Count; offset += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = Math.Min(BatchSize, tokens.Count - offset);
            _batch.Clear();
            for (var i = 0; i < chunk; i++)
                lastOutput = _batch.Add(tokens[offset + i], _positions[sequenceId] + i, sequenceId, output: i == chunk - 1);
            Decode();
            _positions[sequenceId] += chunk;
        }
        return lastOutput;
    }

    private bool IsEndOfGeneration(int token) => Native.LlamaNative.llama_vocab_is_eog(Vocabulary, token);

    private void CheckSequence(int sequenceId, string name)
    {
        if (sequenceId < 0 || sequenceId >= MaxSequences)
            throw new InferenceException(
                $"{name} is {sequenceId}: this session holds sequences 0 to {MaxSequences - 1}; raise SessionOptions.MaxSequences for more.",
                InferenceErrorKind.InvalidArgument);
    }

    private void CheckTokens(IReadOnlyList<int> tokens, string what)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((uint)tokens[i] >= (uint)VocabularySize)
                throw new InferenceException(
                    $"Token {i} of the {what} is {tokens[i]}, outside the model's vocabulary of {VocabularySize} tokens: tokenize with this model.",
                    InferenceErrorKind.InvalidArgument);
        }
    }

    /// <summary>Rejects work that would run out of the sequence's context before it starts, rather than midway.</summary>
    private void CheckFits(int sequenceId, int promptTokens, int decodedTokens)
    {
        var needed = _positions[sequenceId] + promptTokens + decodedTokens;
        if (needed <= ContextPerSequence)
            return;
        throw new InferenceException(
            $"{promptTokens} prompt tokens and {decodedTokens} generation steps do not fit sequence {sequenceId}: it holds " +
            $"{_positions[sequenceId]} tokens and has room for {ContextPerSequence} (ContextSize / MaxSequences). " +
            "Raise SessionOptions.ContextSize, shorten the prompt, generate fewer tokens, or clear the session.",
            InferenceErrorKind.ContextFull);
    }
}
