using System.Text.Json.Nodes;
using Butler.Workflows.Runtime;

namespace Butler.Workflows.Activities;

/// <summary>A declared activity input that reads itself as a <typeparamref name="T"/>; made by the factories on <see cref="ActivityInput"/>.</summary>
public sealed class ActivityInput<T> : ActivityInput
{
    private readonly Func<JsonNode?, T> _read;

    internal ActivityInput(InputDescriptor descriptor, Func<JsonNode?, T> read) : base(descriptor) => _read = read;

    /// <summary>The value of this input in an activity's inputs (a definition's <c>inputs</c> object).</summary>
    public T Read(JsonObject inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return _read(Node(inputs));
    }

    /// <summary>The value of this input for the running activity.</summary>
    public T Read(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Read(context.Inputs);
    }
}
