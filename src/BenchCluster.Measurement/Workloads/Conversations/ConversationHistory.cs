using BenchCluster.Engine.Completions;

namespace BenchCluster.Measurement.Workloads.Conversations;

/// <summary>
/// A running conversation: builds each turn's request from everything said so far and takes the model's answers in.
/// Token prompts (in-process) are the previous prompt, the answer's tokens and the new user message's tokens, so the
/// engine finds the previous turn in its slot's cache; text prompts (endpoints) carry the conversation as chat messages
/// (and, for completions endpoints, as one text of the messages joined by blank lines).
/// </summary>
public sealed class ConversationHistory(ConversationScript script, bool useChat, RequestSampling sampling)
{
    private const string Separator = "\n\n";

    private readonly List<int> _tokens = [.. script.SystemPrompt?.Tokens ?? []];
    private readonly List<ChatMessage> _messages = script.SystemPrompt is { Text: { } system } ? [new ChatMessage("system", system)] : [];
    private int _count = script.SystemPrompt?.TokenCount ?? 0;

    public ConversationScript Script => script;

    /// <summary>The request of <paramref name="turn"/>: the conversation so far plus its new user message.</summary>
    public PlannedRequest Request(ConversationTurn turn, int index)
    {
        var user = turn.UserMessage;
        var request = new CompletionRequest
        {
            MaxTokens = turn.OutputTokens,
            IgnoreEos = true,
            Sampling = sampling.For(index),
            UseChat = useChat,
            CacheKey = script.Id,
        };
        if (user.Tokens is { } userTokens)
        {
            request = request with { PromptTokens = [.. _tokens, .. userTokens] };
        }
        else
        {
            List<ChatMessage> messages = [.. _messages, new ChatMessage("user", user.Text ?? "")];
            request = request with { Messages = messages, Prompt = string.Join(Separator, messages.Select(m => m.Content)) };
        }
        return new PlannedRequest(index, request, _count + user.TokenCount, turn.OutputTokens)
        {
            ConversationId = script.Id,
            TurnIndex = script.MultiTurn ? turn.Index : null,
        };
    }

    /// <summary>Appends the turn's user message and the model's answer (its tokens in-process, its text for endpoints).</summary>
    public void Answered(ConversationTurn turn, string answer, int[]? answerTokens, int answerTokenCount)
    {
        if (turn.UserMessage.Tokens is { } userTokens)
        {
            _tokens.AddRange(userTokens);
            _tokens.AddRange(answerTokens ?? []);
        }
        else
        {
            _messages.Add(new ChatMessage("user", turn.UserMessage.Text ?? ""));
            _messages.Add(new ChatMessage("assistant", answer));
        }
        _count += turn.UserMessage.TokenCount + answerTokenCount;
    }
}
