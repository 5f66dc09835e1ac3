namespace Butler.Workflows.Expressions;

/// <summary>An expression failed to parse or to evaluate; the message is meant for the incident list.</summary>
public sealed class ExpressionException(string expression, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Expression { get; } = expression;
}
