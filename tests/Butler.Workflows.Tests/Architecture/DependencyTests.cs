using Butler.Workflows.Runtime;
using Xunit;

namespace Butler.Workflows.Tests.Architecture;

public sealed class DependencyTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Butler.Host")]
    [InlineData("Butler.Designer")]
    public void The_engine_does_not_reference_the_web_host_or_the_designer(string forbidden)
    {
        var references = typeof(WorkflowRunner).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Butler.Workflows", typeof(WorkflowRunner).Assembly.GetName().Name, StringComparison.Ordinal);
        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => name.StartsWith(forbidden, StringComparison.Ordinal));
    }
}
