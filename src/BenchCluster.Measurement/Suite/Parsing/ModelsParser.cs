using BenchCluster.Remote;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads <c>models:</c>: each entry is a forge preset (+ type), a GGUF path, a sibling quantized from another model (from + type), or a remote endpoint.</summary>
internal static class ModelsParser
{
    private static readonly string[] ModelFields = ["name", "preset", "type", "path", "endpoint", "from"];
    private static readonly string[] EndpointFields = ["base_url", "model", "api_key_env", "price_input_per_mtok", "price_output_per_mtok", "chat",
        "extension_fields", "max_tokens_field", "connect_timeout", "first_event_timeout", "idle_timeout", "total_timeout"];

    public static List<ModelSpec> Parse(YamlMap root, SuiteCatalog catalog)
    {
        var models = new List<ModelSpec>();
        var items = root.Items("models", required: true, hint: "list the models to benchmark, e.g. '- preset: qwen2.5-0.5b' with 'type: q4_k_m'");
        if (items is null)
            return models;
        if (items.Count == 0)
            root.Values.Errors.Add(root.Get("models")!, "models", "the list is empty; add at least one model");
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var placed = new List<SiblingRules.Placed>();
        foreach (var (node, path) in items)
        {
            var map = YamlMap.Open(node, path, root.Values, ModelFields);
            if (map is null || Model(map, catalog) is not { } model)
                continue;
            if (names.TryGetValue(model.Name, out var first))
                root.Values.Errors.Add(node, $"{path}.name", $"model name '{model.Name}' is already used by {first}; give each model a distinct name");
            else
                names[model.Name] = path;
            models.Add(model);
            placed.Add(new SiblingRules.Placed(model, map.Get("from") ?? node, path));
        }
        SiblingRules.Check(placed, root.Values);
        return models;
    }

    private static ModelSpec? Model(YamlMap map, SuiteCatalog catalog)
    {
        var sources = new[] { "preset", "path", "endpoint", "from" }.Where(map.Has).ToList();
        if (sources.Count != 1)
        {
            map.Values.Errors.Add(map.Node, map.Path, sources.Count == 0
                ? "a model needs exactly one of preset (with type), path, from (with type) or endpoint"
                : $"a model takes exactly one of preset, path, from or endpoint; this one has {string.Join(" and ", sources)}");
            return null;
        }
        var name = map.String("name");
        if (map.Has("from"))
            return SiblingRules.Sibling(map, name);
        var preset = map.Has("preset") ? Catalogued(map, "preset", catalog.Presets) : null;
        string? type = null;
        if (map.Has("type"))
            type = preset is null && !map.Has("preset")
                ? Reject(map, "type", "type applies to preset models only (a GGUF file or endpoint has its own quantization)")
                : Catalogued(map, "type", catalog.Quantizations);
        else if (map.Has("preset"))
            map.Missing("type", $"a preset needs a quantization type, one of: {string.Join(", ", catalog.Quantizations)}");
        var path = map.String("path");
        var endpoint = map.Map("endpoint", EndpointFields) is { } e ? Endpoint(e) : null;
        if (map.Has("preset") && (preset is null || type is null))
            return null;
        if (map.Has("endpoint") && endpoint is null || map.Has("path") && path is null)
            return null;
        var defaultName = preset is not null ? $"{preset}-{type}"
            : path is not null ? System.IO.Path.GetFileNameWithoutExtension(path)
            : endpoint!.Model;
        return new ModelSpec { Name = name ?? defaultName, Preset = preset, Quantization = type, Path = path, Endpoint = endpoint };
    }

    private static EndpointSpec? Endpoint(YamlMap map)
    {
        var baseUrl = map.String("base_url", required: true, hint: "the API root, e.g. https://api.example.com/v1");
        if (baseUrl is not null && UrlProblem(baseUrl) is { } urlProblem)
        {
            map.Values.Errors.Add(map.Get("base_url")!, map.Child("base_url"), urlProblem);
            baseUrl = null;
        }
        var model = map.String("model", required: true, hint: "the model name the endpoint expects");
        var keyEnv = map.String("api_key_env");
        if (keyEnv is not null && KeyVariableProblem(keyEnv) is { } keyProblem)
        {
            map.Values.Errors.Add(map.Get("api_key_env")!, map.Child("api_key_env"), keyProblem);
            keyEnv = null;
        }
        var priceIn = map.Double("price_input_per_mtok", min: 0);
        var priceOut = map.Double("price_output_per_mtok", min: 0);
        var chat = map.Bool("chat") ?? false;
        var extensionFields = map.Bool("extension_fields") ?? true;
        var maxTokensField = map.String("max_tokens_field") ?? "max_tokens";
        if (!EndpointSpec.MaxTokensFields.Contains(maxTokensField))
        {
            map.Values.Errors.Add(map.Get("max_tokens_field")!, map.Child("max_tokens_field"),
                $"'{maxTokensField}' is not a field servers know; allowed: {string.Join(", ", EndpointSpec.MaxTokensFields)}");
            maxTokensField = "max_tokens";
        }
        var connect = Seconds(map, "connect_timeout");
        var firstEvent = Seconds(map, "first_event_timeout");
        var idle = Seconds(map, "idle_timeout");
        var total = Seconds(map, "total_timeout");
        return baseUrl is null || model is null
            ? null
            : new EndpointSpec
            {
                BaseUrl = baseUrl, Model = model, ApiKeyEnv = keyEnv, PriceInputUsdPerMillion = priceIn, PriceOutputUsdPerMillion = priceOut, Chat = chat,
                ExtensionFields = extensionFields, MaxTokensField = maxTokensField,
                ConnectTimeoutSeconds = connect, FirstEventTimeoutSeconds = firstEvent, IdleTimeoutSeconds = idle, TotalTimeoutSeconds = total,
            };
    }

    private static string? UrlProblem(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            ? EndpointUrlRule.Problem(uri)
            : $"'{baseUrl}' is not an http(s) URL; write e.g. https://api.example.com/v1";

    private static string? KeyVariableProblem(string keyEnv) =>
        !ApiKeyVariables.IsName(keyEnv)
            ? $"'{keyEnv}' is not an environment variable name; give the variable's name (e.g. OPENAI_API_KEY), never the key itself"
            : ApiKeyVariables.Reserved(keyEnv) is { } reserved ? $"{reserved}: {ApiKeyVariables.Rule}" : null;

    private static double? Seconds(YamlMap map, string key) =>
        map.Double(key, min: 0, max: 86_400, exclusiveMin: true, hint: "seconds, e.g. 30");

    private static string? Catalogued(YamlMap map, string key, IReadOnlyCollection<string> allowed)
    {
        var value = map.String(key);
        if (value is null)
            return null;
        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            map.Values.Errors.Add(map.Get(key)!, map.Child(key), $"'{value}' is not known" + DidYouMean.Hint(value, allowed));
        return match;
    }

    private static string? Reject(YamlMap map, string key, string message)
    {
        map.Values.Errors.Add(map.Get(key)!, map.Child(key), message);
        return null;
    }
}
