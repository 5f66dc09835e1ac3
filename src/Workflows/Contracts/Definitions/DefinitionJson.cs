using System.Text.Json;
using System.Text.Json.Serialization;
using Butler.Workflows.Input;

namespace Butler.Workflows.Definitions;

/// <summary>The one set of JSON options used for definitions, variables and API payloads of the engine.</summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize(WorkflowDefinitionModel model) => JsonSerializer.Serialize(model, Options);

    /// <summary>Parses a definition, reporting malformed JSON as a problem with the path where reading stopped.</summary>
    public static WorkflowDefinitionModel? TryParse(string json, out DefinitionProblem? problem)
    {
        problem = null;
        try
        {
            var model = JsonSerializer.Deserialize<WorkflowDefinitionModel>(json, Options);
            if (model is null)
            {
                problem = new DefinitionProblem("$", "The definition must be a JSON object.", "流程定义必须是一个 JSON 对象。");
                return null;
            }
            Normalize(model);
            return model;
        }
        catch (JsonException ex)
        {
            // Malformed JSON says where reading stopped; a value of the wrong kind is named by its path, in the document's words.
            var (en, zh) = JsonInputErrors.FindSyntaxError(json, ReaderOptions) is { } where
                ? JsonInputErrors.Malformed(where)
                : JsonInputErrors.WrongKind(typeof(WorkflowDefinitionModel), ex.Path);
            problem = new DefinitionProblem(string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path, en, zh);
            return null;
        }
    }

    /// <summary>Turns JSON nulls into empty values so the validator can name what is missing.</summary>
    private static void Normalize(WorkflowDefinitionModel model)
    {
        model.Id ??= "";
        model.Name ??= new("");
        model.Variables ??= [];
        model.Activities ??= [];
        model.Connections ??= [];
        for (var i = 0; i < model.Variables.Count; i++)
        {
            model.Variables[i] ??= new VariableModel();
            model.Variables[i].Name ??= "";
        }
        for (var i = 0; i < model.Activities.Count; i++)
        {
            var a = model.Activities[i] ??= new ActivityModel();
            a.Id ??= "";
            a.Type ??= "";
            a.Inputs ??= [];
        }
        for (var i = 0; i < model.Connections.Count; i++)
        {
            var c = model.Connections[i] ??= new ConnectionModel { Outcome = "" };
            c.Source ??= "";
            c.Target ??= "";
            c.Outcome ??= "";
        }
    }

    private static JsonReaderOptions ReaderOptions => new()
    {
        AllowTrailingCommas = Options.AllowTrailingCommas,
        CommentHandling = Options.ReadCommentHandling,
        MaxDepth = Options.MaxDepth,
    };
}
