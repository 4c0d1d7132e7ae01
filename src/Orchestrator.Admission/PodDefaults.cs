using System.Text.Json.Nodes;

namespace Orchestrator.Admission;

/// <summary>SetDefaults_Pod / _PodSpec / _Container, the DefaultTolerationSeconds plugin, and the create-time status.</summary>
internal static class PodDefaults
{
    private static readonly string[] ContainerLists = ["initContainers", "containers"];

    public static void ApplyPod(JsonObject pod, AdmissionOptions options)
    {
        var spec = Json.Ensure(pod, "spec");
        ApplySpec(spec);

        // Requests default from limits only on pods, never on templates, so a template's rendered pod does this itself.
        foreach (var container in AllContainers(spec))
        {
            if (Json.Obj(Json.Obj(container, "resources"), "limits") is { } limits)
            {
                var requests = Json.Ensure(Json.Ensure(container, "resources"), "requests");
                foreach (var (name, value) in limits)
                {
                    if (!requests.ContainsKey(name))
                    {
                        requests[name] = value?.DeepClone();
                    }
                }
            }
        }
        Json.Default(spec, "enableServiceLinks", true);
        if (Json.Bool(spec, "hostNetwork") == true)
        {
            // With host networking the host port is the container port.
            foreach (var port in AllContainers(spec).SelectMany(c => Json.Objects(Json.Arr(c, "ports"))))
            {
                if ((Json.Long(port, "hostPort") ?? 0) == 0 && port["containerPort"] is { } containerPort)
                {
                    port["hostPort"] = containerPort.DeepClone();
                }
            }
        }
        AddDefaultTolerations(spec, options.DefaultTolerationSeconds);

        var status = Json.Ensure(pod, "status");
        Json.Default(status, "phase", "Pending");
        Json.Default(status, "qosClass", QosClass.Compute(spec));
    }

    /// <summary>Defaults shared by pods and pod templates.</summary>
    public static void ApplySpec(JsonObject spec)
    {
        Json.Default(spec, "dnsPolicy", "ClusterFirst");
        Json.Default(spec, "restartPolicy", "Always");
        Json.Default(spec, "securityContext", new JsonObject());
        Json.Default(spec, "terminationGracePeriodSeconds", 30);
        Json.Default(spec, "schedulerName", "default-scheduler");
        foreach (var container in AllContainers(spec))
        {
            ApplyContainer(container);
        }
        foreach (var volume in Json.Objects(Json.Arr(spec, "volumes")))
        {
            ApplyVolume(volume);
        }
    }

    public static IEnumerable<JsonObject> AllContainers(JsonObject spec) =>
        ContainerLists.SelectMany(list => Json.Objects(Json.Arr(spec, list)));

    private static void ApplyContainer(JsonObject container)
    {
        Json.Default(container, "imagePullPolicy", PullsAlways(Json.Str(container, "image") ?? "") ? "Always" : "IfNotPresent");
        Json.Default(container, "terminationMessagePath", "/dev/termination-log");
        Json.Default(container, "terminationMessagePolicy", "File");
        Json.Default(container, "resources", new JsonObject());
        foreach (var port in Json.Objects(Json.Arr(container, "ports")))
        {
            Json.Default(port, "protocol", "TCP");
        }
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Select(p => Json.Obj(container, p)).OfType<JsonObject>())
        {
            Json.Default(probe, "timeoutSeconds", 1);
            Json.Default(probe, "periodSeconds", 10);
            Json.Default(probe, "successThreshold", 1);
            Json.Default(probe, "failureThreshold", 3);
            if (Json.Obj(probe, "httpGet") is { } httpGet)
            {
                Json.Default(httpGet, "path", "/");
                Json.Default(httpGet, "scheme", "HTTP");
            }
        }
        foreach (var env in Json.Objects(Json.Arr(container, "env")))
        {
            if (Json.Obj(Json.Obj(env, "valueFrom"), "fieldRef") is { } fieldRef)
            {
                Json.Default(fieldRef, "apiVersion", "v1");
            }
        }
    }

    private static void ApplyVolume(JsonObject volume)
    {
        if (volume.Count(p => p.Key != "name") == 0)
        {
            volume["emptyDir"] = new JsonObject();
        }
        foreach (var source in new[] { "secret", "configMap", "downwardAPI", "projected" })
        {
            if (Json.Obj(volume, source) is { } s)
            {
                // 0644, which Go writes as 420 in JSON.
                Json.Default(s, "defaultMode", 420);
            }
        }
    }

    /// <summary>Kubernetes pulls always when the tag is "latest" or missing (and no digest pins the image).</summary>
    public static bool PullsAlways(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var hasDigest = at >= 0;
        var withoutDigest = hasDigest ? image[..at] : image;
        var lastSegment = withoutDigest[(withoutDigest.LastIndexOf('/') + 1)..];
        var colon = lastSegment.LastIndexOf(':');
        var tag = colon >= 0 ? lastSegment[(colon + 1)..] : "";
        return tag == "latest" || (tag.Length == 0 && !hasDigest);
    }

    private static void AddDefaultTolerations(JsonObject spec, long seconds)
    {
        var tolerations = Json.Arr(spec, "tolerations");
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            // An empty key or effect is a wildcard, so such a toleration already covers the taint.
            var covered = Json.Objects(tolerations).Any(t =>
                (Json.Str(t, "key") ?? "") is var k && (k.Length == 0 || k == key)
                && (Json.Str(t, "effect") ?? "") is var e && (e.Length == 0 || e == "NoExecute"));
            if (!covered)
            {
                tolerations ??= (JsonArray)(spec["tolerations"] = new JsonArray());
                tolerations.Add(new JsonObject
                {
                    ["key"] = key,
                    ["operator"] = "Exists",
                    ["effect"] = "NoExecute",
                    ["tolerationSeconds"] = seconds,
                });
            }
        }
    }
}
