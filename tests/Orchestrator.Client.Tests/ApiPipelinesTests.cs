using System.Net;
using k8s.Autorest;
using Polly.Timeout;

namespace Orchestrator.Client.Tests;

public sealed class ApiPipelinesTests
{
    private static HttpOperationException Http(HttpStatusCode code) => new($"HTTP {(int)code}")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), ""),
    };

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.UnprocessableEntity, false)]
    public void Overload_and_server_errors_are_retried_and_answers_about_the_object_are_not(HttpStatusCode code, bool transient)
    {
        Assert.Equal(transient, ApiPipelines.IsTransient(Http(code)));
    }

    [Fact]
    public void Connection_failures_and_timeouts_are_retried()
    {
        Assert.True(ApiPipelines.IsTransient(new HttpRequestException("connection refused")));
        Assert.True(ApiPipelines.IsTransient(new TimeoutRejectedException()));
        Assert.False(ApiPipelines.IsTransient(new InvalidOperationException()));
    }

    [Fact]
    public async Task A_write_that_fails_with_503_is_tried_again_until_it_succeeds()
    {
        using var pipelines = new ApiPipelines(TimeProvider.System, seed: 1);
        var attempts = 0;

        var result = await pipelines[ApiPipelines.Write].ExecuteAsync(_ =>
            ++attempts < 3 ? throw Http(HttpStatusCode.ServiceUnavailable) : ValueTask.FromResult("done"));

        Assert.Equal(("done", 3), (result, attempts));
    }

    [Fact]
    public async Task A_conflict_is_not_retried()
    {
        using var pipelines = new ApiPipelines(TimeProvider.System, seed: 1);
        var attempts = 0;

        await Assert.ThrowsAsync<HttpOperationException>(async () => await pipelines[ApiPipelines.Write].ExecuteAsync<string>(_ =>
        {
            attempts++;
            throw Http(HttpStatusCode.Conflict);
        }));

        Assert.Equal(1, attempts);
    }
}
