namespace Butler.Host.Tests.Support;

/// <summary>Definitions used by the API tests.</summary>
public static class Definitions
{
    /// <summary>Start → HumanTask (role Squad, field amount) → Decision (amount > 10) → End.</summary>
    public static string TaskThenDecision(string id) => $$$"""
        {
          "id": "{{{id}}}",
          "name": "Task then decision",
          "variables": [ { "name": "amount", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "check", "type": "HumanTask", "inputs": {
                "title": "Check {{company}}",
                "assignee": { "role": "Squad" },
                "outcomes": ["Done", "Reject"],
                "fields": [ { "name": "amount", "label": "Amount", "type": "number", "required": true } ] } },
            { "id": "big", "type": "Decision", "inputs": { "condition": "amount > 10" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "check" },
            { "source": "check", "outcome": "Done", "target": "big" },
            { "source": "check", "outcome": "Reject", "target": "end" },
            { "source": "big", "outcome": "True", "target": "end" },
            { "source": "big", "outcome": "False", "target": "end" }
          ]
        }
        """;

    /// <summary>Start → WaitSignal(contractSigned) → End.</summary>
    public static string WaitForSignal(string id) => $$"""
        {
          "id": "{{id}}",
          "name": "Wait for signal",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitSignal", "inputs": { "signal": "contractSigned", "variable": "contract" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "end" }
          ]
        }
        """;
}
