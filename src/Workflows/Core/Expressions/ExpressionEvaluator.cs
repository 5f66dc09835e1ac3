using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using Microsoft.Extensions.Options;

namespace Butler.Workflows.Expressions;

/// <summary>Evaluates sandboxed JavaScript expressions with Jint: no CLR access, bounded time, statements and memory.</summary>
public sealed class ExpressionEvaluator(IOptions<ExpressionOptions> options)
{
    private const int MaxCachedScripts = 10_000;
    private readonly ConcurrentDictionary<string, Prepared<Script>> _scripts = new(StringComparer.Ordinal);
    private readonly ExpressionOptions _options = options.Value;

    public ExpressionEvaluator() : this(Microsoft.Extensions.Options.Options.Create(new ExpressionOptions()))
    {
    }

    /// <summary>Returns null when the expression parses, else the parser's message.</summary>
    public static string? CheckSyntax(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "The expression is empty.";
        }
        try
        {
            Engine.PrepareScript(expression, strict: true);
            return null;
        }
        catch (ScriptPreparationException ex)
        {
            return (ex.InnerException ?? ex).Message;
        }
    }

    /// <summary>Evaluates the expression and returns its value as JSON (null for undefined or null).</summary>
    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        var script = Prepare(expression);
        var engine = CreateEngine();
        try
        {
            Bind(engine, scope);
            var value = engine.Evaluate(in script);
            return ToJson(engine, value);
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' threw: {ex.Message}", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' ran more than {_options.MaxStatements} statements.", ex);
        }
        catch (TimeoutException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' ran longer than {_options.Timeout.TotalMilliseconds:0} ms.", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' used more than {_options.MemoryLimitBytes} bytes.", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' recursed deeper than {_options.MaxRecursion} calls.", ex);
        }
        catch (JintException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' failed: {ex.Message}", ex);
        }
    }

    /// <summary>Evaluates a condition with JavaScript truthiness.</summary>
    public bool EvaluateCondition(string expression, ExpressionScope scope)
    {
        var value = Evaluate(expression, scope);
        return value switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
            _ => true,
        };
    }

    private Prepared<Script> Prepare(string expression)
    {
        if (_scripts.TryGetValue(expression, out var cached))
        {
            return cached;
        }
        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(expression, strict: true);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException(expression, $"The expression '{expression}' does not parse: {(ex.InnerException ?? ex).Message}", ex);
        }
        if (_scripts.Count < MaxCachedScripts)
        {
            _scripts.TryAdd(expression, prepared);
        }
        return prepared;
    }

    private Engine CreateEngine() => new(o => o
        .Strict()
        .TimeoutInterval(_options.Timeout)
        .MaxStatements(_options.MaxStatements)
        .LimitMemory(_options.MemoryLimitBytes)
        .LimitRecursion(_options.MaxRecursion));

    private static void Bind(Engine engine, ExpressionScope scope)
    {
        var parser = new JsonParser(engine);
        var variables = parser.Parse(scope.Variables.ToJsonString());
        engine.SetValue("variables", variables);
        engine.SetValue("input", scope.Input is null ? JsValue.Null : parser.Parse(scope.Input.ToJsonString()));
        engine.SetValue("activities", parser.Parse(scope.Activities.ToJsonString()));
        foreach (var (name, _) in scope.Variables)
        {
            if (IsIdentifier(name) && name is not ("variables" or "input" or "activities"))
            {
                engine.SetValue(name, variables.AsObject().Get(name));
            }
        }
    }

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }
        var json = new JsonSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    internal static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsLetter(name[0]) || name[0] is '_' or '$')
        && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
}
