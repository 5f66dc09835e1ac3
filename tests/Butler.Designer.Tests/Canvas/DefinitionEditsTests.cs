using Butler.Designer.Canvas;
using Butler.Workflows.Activities;

namespace Butler.Designer.Tests.Canvas;

public sealed class DefinitionEditsTests
{
    [Fact]
    public void A_new_activity_gets_a_free_id_its_name_in_the_users_language_and_the_input_defaults()
    {
        var model = DiagramMappingTests.Flow();
        var approval = new ApprovalActivity().Descriptor;

        var added = DefinitionEdits.NewActivity(model, approval, 120.4, 80, "zh-CN");

        Assert.Equal("approval", added.Id);
        Assert.Equal("Approval", added.Type);
        Assert.Equal(approval.DisplayName.ZhCn, added.Name);
        Assert.Equal(120, added.Position!.X);
        foreach (var input in approval.Inputs.Where(i => i.Default is not null))
        {
            Assert.Equal(input.Default!.ToJsonString(), added.Inputs[input.Name]!.ToJsonString());
        }
        model.Activities.Add(added);
        Assert.Equal("approval2", DefinitionEdits.NewActivity(model, approval, 0, 0, "en").Id);
    }

    [Fact]
    public void Pasting_copies_gives_new_ids_moves_them_and_keeps_only_the_connections_among_them()
    {
        var model = DiagramMappingTests.Flow();
        var copied = DefinitionEdits.Copy(model, ["review", "end"]);
        Assert.Single(copied.Connections);

        var pasted = DefinitionEdits.Paste(model, copied, 40, 40);

        Assert.Equal(["review2", "end2"], pasted.Activities.Select(a => a.Id).ToArray());
        Assert.Equal(240, pasted.Activities[0].Position!.X);
        var connection = Assert.Single(pasted.Connections);
        Assert.Equal(("review2", "approve", "end2"), (connection.Source, connection.Outcome, connection.Target));
        // The copy is deep: editing it leaves the original alone.
        pasted.Activities[0].Inputs["title"] = "Changed";
        Assert.Equal("Review", (string?)model.Activities[1].Inputs["title"]);
    }

    [Theory]
    [InlineData("HumanTask", "humanTask")]
    [InlineData("Start", "start")]
    [InlineData("SetProjectStage", "setProjectStage")]
    public void An_id_stem_is_the_type_in_lower_camel_case(string type, string stem) =>
        Assert.Equal(stem, DefinitionEdits.IdStem(type));

    [Fact]
    public void Undo_and_redo_walk_the_recorded_states_and_a_new_edit_drops_the_redo()
    {
        var history = new EditHistory("a");
        Assert.False(history.Record("a"));
        Assert.True(history.Record("b"));
        Assert.True(history.Record("c"));

        Assert.Equal("b", history.Undo());
        Assert.Equal("a", history.Undo());
        Assert.Null(history.Undo());
        Assert.Equal("b", history.Redo());

        history.Record("d");
        Assert.False(history.CanRedo);
        Assert.Equal("b", history.Undo());
    }

    [Fact]
    public void The_history_keeps_at_most_its_capacity()
    {
        var history = new EditHistory("0");
        for (var i = 1; i <= EditHistory.Capacity + 50; i++)
        {
            history.Record(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var undone = 0;
        while (history.Undo() is not null)
        {
            undone++;
        }
        Assert.Equal(EditHistory.Capacity - 1, undone);
    }
}
