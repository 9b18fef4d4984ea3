using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Training;

/// <summary>
/// One training run through llama.cpp's own optimizer (llama_opt_init / llama_opt_epoch, AdamW, cross-entropy on the
/// next token): load an F32 model with writable weights, cut the tokenized corpus into windows of the
/// context size, side by side, run the epochs in order (no shuffle: a seeded recipe gives the same windows each time) and save.
/// </summary>
internal static unsafe class OptimizationRun
{
    public static (IReadOnlyList<TrainingEpoch> Epochs, int Tokens) Run(
        string startPath, string savePath, string text, TrainingRecipe recipe, int threads, IProgress<TrainingEpoch>? progress, CancellationToken cancellationToken)
    {
        using var model = Load(startPath);
        using var threadpool = SafeGgmlThreadpoolHandle.Create(threads, poll: 0);
        using var context = CreateContext(model, recipe.ContextTokens, threads);
        var tokens = Tokenize(model, text);
        PinThreads(context, threadpool, tokens[0]);
        // Side by side, not half-overlapping as llama-finetune cuts them: each token is trained once per epoch, half the time.
        var stride = recipe.ContextTokens;
        long windows = (tokens.Length - recipe.ContextTokens - 1) / stride;
        if (windows < 2)
            throw new TrainingException(
                $"The corpus gives {tokens.Length} tokens, fewer than two training windows of {recipe.ContextTokens}: use a longer corpus or a smaller ContextTokens.");

        var dataset = GgmlOptNative.ggml_opt_dataset_init(GgmlOptNative.TypeI32, GgmlOptNative.TypeI32, recipe.ContextTokens, recipe.ContextTokens, windows, 1);
        var optimizer = (GgmlOptOptimizerParams*)NativeMemory.AllocZeroed((nuint)sizeof(GgmlOptOptimizerParams));
        var train = GgmlOptNative.ggml_opt_result_init();
        var eval = GgmlOptNative.ggml_opt_result_init();
        try
        {
            Fill(dataset, tokens, recipe.ContextTokens, stride, windows);
            *optimizer = new GgmlOptOptimizerParams
            {
                adamw_alpha = recipe.LearningRate, adamw_beta1 = 0.9f, adamw_beta2 = 0.999f, adamw_eps = 1e-8f, adamw_wd = 0f,
                sgd_alpha = recipe.LearningRate, sgd_wd = 0f,
            };
            LlamaNative.llama_opt_init(context, model, new LlamaOptParams
            {
                n_ctx_train = 0,
                param_filter = LlamaLibraryLoader.Export(LlamaLibraryNames.Llama, "llama_opt_param_filter_all"),
                get_opt_pars = LlamaLibraryLoader.Export(LlamaLibraryNames.GgmlBase, "ggml_opt_get_constant_optimizer_params"),
                get_opt_pars_ud = (nint)optimizer,
                optimizer_type = 0,
            });

            var split = Math.Max(1, (long)Math.Round(windows * (1 - recipe.ValidationFraction)));
            var epochs = new List<TrainingEpoch>();
            for (var epoch = 1; epoch <= recipe.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var stopwatch = Stopwatch.StartNew();
                // ggml reads the optimizer parameters through this pointer at every step: the epoch's rate applies at once.
                optimizer->adamw_alpha = optimizer->sgd_alpha = recipe.LearningRateOf(epoch);
                GgmlOptNative.ggml_opt_result_reset(train);
                GgmlOptNative.ggml_opt_result_reset(eval);
                LlamaNative.llama_opt_epoch(context, dataset, train, eval, split, 0, 0);
                var row = new TrainingEpoch(epoch, Loss(train), split < windows ? Loss(eval) : double.NaN, stopwatch.Elapsed.TotalSeconds);
                if (!double.IsFinite(row.TrainLoss))
                    throw new TrainingException($"Training diverged in epoch {epoch} (loss {row.TrainLoss}): lower TrainingRecipe.LearningRate (now {recipe.LearningRate}).");
                epochs.Add(row);
                progress?.Report(row);
            }

            LlamaNative.llama_model_save_to_file(model, savePath);
            if (!File.Exists(savePath))
                throw new TrainingException($"llama.cpp did not write the trained model to '{savePath}': check that the folder is writable and has space.");
            return (epochs, (int)(split * recipe.ContextTokens));
        }
        finally
        {
            GgmlOptNative.ggml_opt_result_free(train);
            GgmlOptNative.ggml_opt_result_free(eval);
            GgmlOptNative.ggml_opt_dataset_free(dataset);
            NativeMemory.Free(optimizer);
        }
    }

    /// <summary>
    /// llama_opt_epoch computes its graphs without applying the context's thread count or threadpool (only a decode
    /// does): left alone, ggml's CPU backend ran with its default of 4 threads, created anew for every graph, which on
    /// 2 busy cores trained no epoch in 5 minutes. One decode of a single token sets both on the backend for good.
    /// </summary>
    private static void PinThreads(SafeLlamaContextHandle context, SafeGgmlThreadpoolHandle threadpool, int token)
    {
        LlamaNative.llama_attach_threadpool(context, threadpool.DangerousGetHandle(), threadpool.DangerousGetHandle());
        using var batch = new NativeBatch(1);
        batch.Add(token, 0, 0, output: true);
        var status = LlamaNative.llama_decode(context, batch.Value);
        if (status != 0)
            throw new TrainingException($"llama.cpp could not decode one token before training (status {status}).");
        LlamaNative.llama_memory_clear(LlamaNative.llama_get_memory(context), data: true);
    }

    private static double Loss(nint result)
    {
        double loss, uncertainty;
        GgmlOptNative.ggml_opt_result_loss(result, &loss, &uncertainty);
        return loss;
    }

    private static void Fill(nint dataset, int[] tokens, int context, int stride, long windows)
    {
        var data = (int*)GgmlOptNative.ggml_get_data(GgmlOptNative.ggml_opt_dataset_data(dataset));
        var labels = (int*)GgmlOptNative.ggml_get_data(GgmlOptNative.ggml_opt_dataset_labels(dataset));
        for (long window = 0; window < windows; window++)
        {
            // A label is the next token: the same window shifted by one.
            tokens.AsSpan((int)(window * stride), context).CopyTo(new Span<int>(data + window * context, context));
            tokens.AsSpan((int)(window * stride) + 1, context).CopyTo(new Span<int>(labels + window * context, context));
        }
    }

    private static SafeLlamaModelHandle Load(string path)
    {
        var parameters = LlamaNative.llama_model_default_params();
        parameters.n_gpu_layers = 0;
        parameters.load_mode = LlamaLoadMode.None; // the optimizer writes the weights: no read-only mapping
        using var capture = LlamaLogCapture.Begin();
        var model = LlamaNative.llama_model_load_from_file(path, parameters);
        if (model.IsInvalid)
        {
            model.Dispose();
            throw new TrainingException($"llama.cpp could not load the starting model '{path}': {capture.Describe("no reason given")}.");
        }
        return model;
    }

    private static SafeLlamaContextHandle CreateContext(SafeLlamaModelHandle model, int contextTokens, int threads)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = (uint)contextTokens;
        parameters.n_batch = (uint)contextTokens;
        parameters.n_ubatch = (uint)contextTokens;
        parameters.n_seq_max = 1;
        parameters.n_threads = threads;
        parameters.n_threads_batch = threads;
        parameters.flash_attn_type = LlamaFlashAttnType.Disabled; // no backward pass for flash attention
        parameters.type_k = GgmlType.F32; // OUT_PROD has no F16 kernel
        parameters.type_v = GgmlType.F32;
        using var capture = LlamaLogCapture.Begin();
        var context = LlamaNative.llama_init_from_model(model, parameters);
        if (context.IsInvalid)
        {
            context.Dispose();
            throw new TrainingException($"llama.cpp could not create a training context of {contextTokens} tokens: {capture.Describe("no reason given")}.");
        }
        // llama_opt_epoch reads windows of the context's real size; another size would read past the dataset (GGML_ASSERT).
        if (LlamaNative.llama_n_ctx(context) != (uint)contextTokens)
        {
            var actual = LlamaNative.llama_n_ctx(context);
            context.Dispose();
            throw new TrainingException($"llama.cpp made the training context {actual} tokens, not {contextTokens}: use TrainingRecipe.ContextTokens = {actual}.");
        }
        return context;
    }

    private static int[] Tokenize(SafeLlamaModelHandle model, string text)
    {
        var vocab = LlamaNative.llama_model_get_vocab(model);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        // No tokenizer emits more tokens than bytes, plus the BOS.
        var tokens = new int[bytes.Length + 2];
        int count;
        fixed (byte* textPointer = bytes)
        fixed (int* tokenPointer = tokens)
            count = LlamaNative.llama_tokenize(vocab, textPointer, bytes.Length, tokenPointer, tokens.Length, addSpecial: true, parseSpecial: false);
        if (count < 0)
            throw new TrainingException($"The corpus could not be tokenized ({-count} tokens needed, {tokens.Length} allowed).");
        return tokens[..count];
    }
}
