using System.Text.Json.Nodes;

namespace Butler.Workflows.Expressions;

/// <summary>What an expression can read: the instance's variables, its input and the outputs of finished activities.</summary>
public sealed record ExpressionScope(JsonObject Variables, JsonNode? Input, JsonObject Activities);
