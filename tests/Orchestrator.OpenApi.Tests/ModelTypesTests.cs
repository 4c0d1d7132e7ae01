using k8s.Models;

namespace Orchestrator.OpenApi.Tests;

public class ModelTypesTests
{
    [Theory]
    [InlineData(typeof(V1PodSpec), "io.k8s.api.core.v1.PodSpec")]
    [InlineData(typeof(V1PodTemplateSpec), "io.k8s.api.core.v1.PodTemplateSpec")]
    [InlineData(typeof(V1ObjectMeta), "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")]
    [InlineData(typeof(V1Status), "io.k8s.apimachinery.pkg.apis.meta.v1.Status")]
    [InlineData(typeof(ResourceQuantity), "io.k8s.apimachinery.pkg.api.resource.Quantity")]
    [InlineData(typeof(IntOrString), "io.k8s.apimachinery.pkg.util.intstr.IntOrString")]
    [InlineData(typeof(V1Deployment), "io.k8s.api.apps.v1.Deployment")]
    [InlineData(typeof(V1DeploymentSpec), "io.k8s.api.apps.v1.DeploymentSpec")]
    [InlineData(typeof(V1RollingUpdateDeployment), "io.k8s.api.apps.v1.RollingUpdateDeployment")]
    [InlineData(typeof(Corev1Event), "io.k8s.api.core.v1.Event")]
    [InlineData(typeof(Eventsv1Event), "io.k8s.api.events.v1.Event")]
    [InlineData(typeof(V1LeaseSpec), "io.k8s.api.coordination.v1.LeaseSpec")]
    [InlineData(typeof(V1PodDisruptionBudgetSpec), "io.k8s.api.policy.v1.PodDisruptionBudgetSpec")]
    [InlineData(typeof(V1ScaleSpec), "io.k8s.api.autoscaling.v1.ScaleSpec")]
    [InlineData(typeof(V1ScaleIOVolumeSource), "io.k8s.api.core.v1.ScaleIOVolumeSource")]
    public void SchemaNamesFollowKubernetesPackages(Type type, string expected)
    {
        Assert.Equal(expected, ModelTypes.SchemaName(type));
    }

    [Fact]
    public void KindsAreFoundByGroupVersionKind()
    {
        Assert.Equal(typeof(V1Scale), ModelTypes.ForKind("autoscaling", "v1", "Scale"));
        Assert.Equal(typeof(V1Eviction), ModelTypes.ForKind("policy", "v1", "Eviction"));
        Assert.Null(ModelTypes.ForKind("apps", "v1", "Nonsense"));
    }
}
