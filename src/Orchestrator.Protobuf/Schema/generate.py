#!/usr/bin/env python3
"""Writes messages.json, the protobuf schema table the decoder reads.

Field numbers and wire types come from the generated.proto files; JSON names, omitempty/omitzero,
pointers and inlined (embedded) structs come from the Go struct tags beside them, because the .proto
alone cannot say that Volume.volumeSource is inlined in JSON or that Deployment.spec.replicas is a
pointer. Only messages reachable from ROOTS are written, one per line.

Usage: generate.py API_DIR APIMACHINERY_DIR [SOURCE_NOTE] > messages.json
where the directories are checkouts of k8s.io/api and k8s.io/apimachinery, e.g.
  git --git-dir=<mirror> archive HEAD | tar -x -C API_DIR
"""
import json
import os
import re
import sys

# proto package -> (directory under its repository, short name used in the table)
PACKAGES = {
    "k8s.io.api.core.v1": ("api", "core/v1", "core.v1"),
    "k8s.io.api.apps.v1": ("api", "apps/v1", "apps.v1"),
    "k8s.io.api.policy.v1": ("api", "policy/v1", "policy.v1"),
    "k8s.io.api.scheduling.v1": ("api", "scheduling/v1", "scheduling.v1"),
    "k8s.io.api.coordination.v1": ("api", "coordination/v1", "coordination.v1"),
    "k8s.io.api.events.v1": ("api", "events/v1", "events.v1"),
    "k8s.io.api.autoscaling.v1": ("api", "autoscaling/v1", "autoscaling.v1"),
    "k8s.io.apimachinery.pkg.apis.meta.v1": ("mach", "pkg/apis/meta/v1", "meta.v1"),
    "k8s.io.apimachinery.pkg.api.resource": ("mach", "pkg/api/resource", "resource"),
    "k8s.io.apimachinery.pkg.util.intstr": ("mach", "pkg/util/intstr", "intstr"),
    "k8s.io.apimachinery.pkg.runtime": ("mach", "pkg/runtime", "runtime"),
    "k8s.io.apimachinery.pkg.runtime.schema": ("mach", "pkg/runtime/schema", "schema"),
}

# Messages with a JSON form of their own; the decoder knows them by name and the table leaves them out.
SPECIAL = {"meta.v1.Time", "meta.v1.MicroTime", "meta.v1.FieldsV1", "resource.Quantity",
           "intstr.IntOrString"}
# Messages with a JSON form of their own that the decoder does not know yet: teach it before reaching one.
UNSUPPORTED = {"meta.v1.Duration", "runtime.RawExtension", "runtime.Unknown"}

# apiVersion/Kind -> message: the kinds this server accepts in request bodies.
ROOTS = {
    "v1/ConfigMap": "core.v1.ConfigMap", "v1/Secret": "core.v1.Secret",
    "v1/Namespace": "core.v1.Namespace", "v1/Service": "core.v1.Service",
    "v1/Pod": "core.v1.Pod", "v1/Binding": "core.v1.Binding", "v1/Node": "core.v1.Node",
    "v1/Event": "core.v1.Event", "v1/Endpoints": "core.v1.Endpoints",
    "apps/v1/Deployment": "apps.v1.Deployment", "apps/v1/ReplicaSet": "apps.v1.ReplicaSet",
    "policy/v1/PodDisruptionBudget": "policy.v1.PodDisruptionBudget",
    "policy/v1/Eviction": "policy.v1.Eviction",
    "scheduling.k8s.io/v1/PriorityClass": "scheduling.v1.PriorityClass",
    "coordination.k8s.io/v1/Lease": "coordination.v1.Lease",
    "events.k8s.io/v1/Event": "events.v1.Event",
    "autoscaling/v1/Scale": "autoscaling.v1.Scale",
    "meta.k8s.io/v1/DeleteOptions": "meta.v1.DeleteOptions",
}

FIELD = re.compile(r"^\s*(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)\s*;")
MAP_FIELD = re.compile(r"^\s*map<\s*([\w.]+)\s*,\s*([\w.]+)\s*>\s+(\w+)\s*=\s*(\d+)\s*;")
SCALARS = {"string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "double", "float"}


def short(package, name):
    return PACKAGES[package][2] + "." + name


def resolve(type_name, package):
    if type_name in SCALARS:
        return type_name
    if type_name.startswith("."):
        full = type_name[1:]
        pkg, _, name = full.rpartition(".")
        return short(pkg, name)
    return short(package, type_name)


def read_proto(root, package):
    repo, path, _ = PACKAGES[package]
    messages = {}
    current = None
    with open(os.path.join(root[repo], path, "generated.proto"), encoding="utf-8") as f:
        for line in f:
            if m := re.match(r"^message (\w+) \{", line):
                current = short(package, m.group(1))
                messages[current] = []
            elif line.startswith("}"):
                current = None
            elif current and (m := MAP_FIELD.match(line)):
                key, value, name, number = m.groups()
                messages[current].append({"name": name, "number": int(number),
                                          "type": "map", "key": resolve(key, package),
                                          "value": resolve(value, package), "repeated": False})
            elif current and (m := FIELD.match(line)):
                label, type_name, name, number = m.groups()
                messages[current].append({"name": name, "number": int(number),
                                          "type": resolve(type_name, package),
                                          "repeated": label == "repeated"})
    return messages


TAGGED = re.compile(r"^\s*(\S+)(?:\s+(\S+))?\s+`([^`]*)`")


def read_go_structs(root, package):
    """struct name -> field number -> (json name, omitempty, omitzero, pointer, inline)."""
    repo, path, _ = PACKAGES[package]
    directory = os.path.join(root[repo], path)
    structs = {}
    for file_name in sorted(os.listdir(directory)):
        if not file_name.endswith(".go") or file_name.endswith("_test.go"):
            continue
        current = None
        with open(os.path.join(directory, file_name), encoding="utf-8") as f:
            for line in f:
                if m := re.match(r"^type (\w+) struct \{", line):
                    current = structs.setdefault(m.group(1), {})
                elif line.startswith("}"):
                    current = None
                elif current is not None and (m := TAGGED.match(line)):
                    first, second, tags = m.groups()
                    proto = re.search(r'protobuf:"\w+,(\d+)', tags)
                    if not proto:
                        continue
                    go_type = second if second else first
                    json_tag = re.search(r'json:"([^"]*)"', tags)
                    parts = (json_tag.group(1) if json_tag else "").split(",")
                    embedded = second is None
                    current[int(proto.group(1))] = {
                        "json": parts[0],
                        "omitempty": "omitempty" in parts[1:],
                        "omitzero": "omitzero" in parts[1:],
                        "pointer": go_type.startswith("*"),
                        "inline": embedded and parts[0] == "",
                    }
    return structs


def main():
    root = {"api": sys.argv[1], "mach": sys.argv[2]}
    protos, go = {}, {}
    for package in PACKAGES:
        repo, path, name = PACKAGES[package]
        if not os.path.exists(os.path.join(root[repo], path, "generated.proto")):
            continue
        protos.update(read_proto(root, package))
        for struct, fields in read_go_structs(root, package).items():
            go[name + "." + struct] = fields

    reachable, pending = [], sorted(set(ROOTS.values()))
    while pending:
        message = pending.pop()
        if message in reachable or message in SPECIAL:
            continue
        if message in UNSUPPORTED:
            sys.exit(f"{message} is reachable but the decoder has no JSON form for it")
        if message not in protos:
            sys.exit(f"unknown message {message}")
        reachable.append(message)
        for field in protos[message]:
            for t in (field["type"], field.get("value")):
                if t and t not in SCALARS and t != "map":
                    pending.append(t)

    lines = []
    for message in sorted(reachable):
        tags = go.get(message)
        if tags is None:
            sys.exit(f"no Go struct for {message}")
        fields = []
        for field in protos[message]:
            tag = tags.get(field["number"])
            if tag is None:
                sys.exit(f"no Go field for {message}.{field['name']}")
            flags = "".join(flag for flag, on in (
                ("r", field["repeated"]), ("o", tag["omitempty"]), ("z", tag["omitzero"]),
                ("p", tag["pointer"]), ("i", tag["inline"])) if on)
            kind = field["type"]
            if kind == "map":
                kind = "map:" + field["key"] + ":" + field["value"]
            fields.append([field["number"], tag["json"], kind, flags])
        lines.append(json.dumps(message) + ": " + json.dumps(fields, separators=(",", ":")))
    print("{")
    if len(sys.argv) > 3:
        print('"source": ' + json.dumps(sys.argv[3]) + ",")
    print('"kinds": ' + json.dumps(ROOTS, separators=(",", ":")) + ",")
    print('"messages": {')
    print(",\n".join(lines))
    print("}}")


if __name__ == "__main__":
    main()
