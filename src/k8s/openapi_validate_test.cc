// Tests of CRD schema indexing and openAPIV3Schema validation.
#include "k8s/openapi_validate.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "yaml/node.h"
#include "yaml/parse.h"

namespace ferry::k8s {
namespace {

yaml::Node Yaml(std::string_view text, std::string_view file = "obj.yaml") {
  yaml::Node n;
  Status st = yaml::ParseDocument(text, file, &n);
  EXPECT_TRUE(st.ok()) << st.message();
  return n;
}

// "path: message" lines of the violations of `obj` against `schema`.
std::string Violations(std::string_view schema, std::string_view obj,
                       const ValidateOptions& opts = ValidateOptions()) {
  yaml::Node s = Yaml(schema, "schema.yaml");
  yaml::Node o = Yaml(obj);
  std::string out;
  for (const SchemaViolation& v : Validate(o, s, opts)) {
    if (!out.empty()) out += "\n";
    out += v.path + ": " + v.message;
  }
  return out;
}

constexpr const char kCrd[] = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: true
      storage: false
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          required: [spec]
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [instances]
              properties:
                instances: {type: integer, minimum: 1, maximum: 9}
                mode: {type: string, enum: [fast, safe]}
                port: {x-kubernetes-int-or-string: true}
                tags:
                  type: array
                  items: {type: string, maxLength: 5}
                labels:
                  type: object
                  additionalProperties: {type: string}
                ratio: {type: number}
                enabled: {type: boolean}
                note: {type: string, nullable: true}
)";

TEST(CrdSchemasTest, PicksTheVersionOfTheObject) {
  yaml::Node crd = Yaml(kCrd, "crd.yaml");
  CrdSchemas schemas;
  ASSERT_TRUE(schemas.Add(crd).ok());
  EXPECT_TRUE(schemas.HasKind("example.com", "Widget"));
  EXPECT_FALSE(schemas.HasKind("example.com", "Gadget"));
  EXPECT_EQ(schemas.Versions("example.com", "Widget"),
            (std::vector<std::string>{"v1alpha1", "v1"}));
  const yaml::Node* v1 =
      schemas.SchemaFor(Gvk::FromApiVersion("example.com/v1", "Widget"));
  const yaml::Node* alpha =
      schemas.SchemaFor(Gvk::FromApiVersion("example.com/v1alpha1", "Widget"));
  ASSERT_NE(v1, nullptr);
  ASSERT_NE(alpha, nullptr);
  EXPECT_NE(v1, alpha);
  EXPECT_EQ(v1->mark().line, 23u);
  EXPECT_EQ(schemas.SchemaFor(Gvk::FromApiVersion("example.com/v2", "Widget")),
            nullptr);
  EXPECT_EQ(schemas.SchemaFor(Gvk::FromApiVersion("other.com/v1", "Widget")),
            nullptr);

  // The same object passes v1alpha1 (preserved spec) and fails v1.
  yaml::Node obj = Yaml(R"(apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: {replicas: 3}
)");
  EXPECT_TRUE(Validate(obj, *alpha).empty());
  std::vector<SchemaViolation> v = Validate(obj, *v1);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].path, "spec.replicas");
  EXPECT_EQ(v[0].message, "unknown field \"replicas\"");
  EXPECT_EQ(v[0].node->mark().line, 4u);
  EXPECT_EQ(v[0].node->mark().col, 8u);
  EXPECT_EQ(v[1].path, "spec.instances");
  EXPECT_EQ(v[1].message, "required field \"instances\" is missing");
}

TEST(CrdSchemasTest, RejectsWhatIsNotACrd) {
  CrdSchemas schemas;
  EXPECT_FALSE(schemas.Add(Yaml("apiVersion: v1\nkind: ConfigMap\n")).ok());
  Status st = schemas.Add(Yaml(R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec: {names: {kind: X}}
)",
                               "crd.yaml"));
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("crd.yaml:3:"), std::string::npos)
      << st.message();
}

TEST(CrdSchemasTest, ReadsV1beta1TopLevelValidation) {
  yaml::Node crd = Yaml(R"(apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
spec:
  group: old.io
  version: v1
  names: {kind: Thing}
  validation:
    openAPIV3Schema: {type: object}
)");
  CrdSchemas schemas;
  ASSERT_TRUE(schemas.Add(crd).ok());
  EXPECT_NE(schemas.SchemaFor(Gvk::FromApiVersion("old.io/v1", "Thing")),
            nullptr);
}

TEST(ValidateTest, Types) {
  constexpr const char kS[] = R"(type: object
properties:
  o: {type: object}
  a: {type: array}
  s: {type: string}
  i: {type: integer}
  n: {type: number}
  b: {type: boolean}
)";
  EXPECT_EQ(Violations(kS, R"(o: {}
a: []
s: text
i: 3
n: 2.5
b: true
)"),
            "");
  // Strings as go-yaml v3 types them: quoted numbers, dates, "yes".
  EXPECT_EQ(Violations(kS, "s: '3'\n"), "");
  EXPECT_EQ(Violations(kS, "s: 2024-01-01\n"), "");
  EXPECT_EQ(Violations(kS, "s: yes\n"), "");
  EXPECT_EQ(Violations(kS, "n: 3\n"), "");     // an integer is a number
  EXPECT_EQ(Violations(kS, "i: 2.0\n"), "");   // 2.0 is an integer in JSON
  EXPECT_EQ(Violations(kS, "i: 0x10\n"), "");  // YAML 1.2 hex
  EXPECT_EQ(Violations(kS, R"(o: []
a: {}
s: 3
i: "3"
n: true
b: "true"
)"),
            "o: must be of type object, got array\n"
            "a: must be of type array, got object\n"
            "s: must be of type string, got integer \"3\"\n"
            "i: must be of type integer, got string \"3\"\n"
            "n: must be of type number, got boolean \"true\"\n"
            "b: must be of type boolean, got string \"true\"");
  EXPECT_EQ(Violations(kS, "i: 2.5\n"),
            "i: must be of type integer, got number \"2.5\"");
  EXPECT_EQ(Violations("type: object\n", "[1]\n"),
            ": must be of type object, got array");
}

TEST(ValidateTest, NullableAndPrunedNulls) {
  constexpr const char kS[] = R"(type: object
required: [r]
properties:
  r: {type: string}
  n: {type: string, nullable: true}
  x: {type: string}
  l: {type: array, items: {type: string}}
)";
  EXPECT_EQ(Violations(kS, "r: a\nn: null\n"), "");
  // A null non-nullable field is pruned: fine unless it is required.
  EXPECT_EQ(Violations(kS, "r: a\nx: ~\n"), "");
  EXPECT_EQ(Violations(kS, "r:\n"), "r: required field \"r\" is missing");
  // A required field with a default is defaulted, missing or null.
  constexpr const char kD[] = R"(type: object
required: [r]
properties:
  r: {type: string, default: x}
)";
  EXPECT_EQ(Violations(kD, "{}\n"), "");
  EXPECT_EQ(Violations(kD, "r: null\n"), "");
  EXPECT_EQ(Violations(kS, "r: a\nl: [a, null]\n"),
            "l[1]: must be of type string, got null");
}

TEST(ValidateTest, Required) {
  constexpr const char kS[] = R"(type: object
properties:
  spec:
    type: object
    required: [instances, storage]
    properties:
      instances: {type: integer}
      storage: {type: object}
)";
  EXPECT_EQ(Violations(kS, "spec: {instances: 3, storage: {}}\n"), "");
  yaml::Node s = Yaml(kS);
  yaml::Node o = Yaml("spec:\n  instances: 3\n");
  std::vector<SchemaViolation> v = Validate(o, s);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].path, "spec.storage");
  EXPECT_EQ(v[0].message, "required field \"storage\" is missing");
  EXPECT_EQ(v[0].node->mark().line, 2u);  // the spec mapping
}

TEST(ValidateTest, Enum) {
  constexpr const char kS[] = R"(type: object
properties:
  mode: {type: string, enum: [fast, safe]}
  level: {type: integer, enum: [1, 2]}
)";
  EXPECT_EQ(Violations(kS, "mode: safe\nlevel: 2\n"), "");
  EXPECT_EQ(Violations(kS, "level: 2.0\n"), "");
  EXPECT_EQ(Violations(kS, "mode: slow\n"),
            "mode: unsupported value \"slow\": must be one of \"fast\", "
            "\"safe\"");
  EXPECT_EQ(Violations(kS, "level: 3\n"),
            "level: unsupported value \"3\": must be one of \"1\", \"2\"");
}

TEST(ValidateTest, UnknownFieldsAndPreservation) {
  constexpr const char kS[] = R"(type: object
properties:
  spec:
    type: object
    properties:
      known: {type: string}
      free: {type: object, x-kubernetes-preserve-unknown-fields: true}
      anything: {x-kubernetes-preserve-unknown-fields: true}
      nested:
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          n: {type: integer}
      template:
        type: object
        x-kubernetes-embedded-resource: true
        properties:
          spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
)";
  // apiVersion, kind and metadata are always allowed at the root.
  EXPECT_EQ(Violations(kS, R"(apiVersion: x/v1
kind: X
metadata: {name: a, labels: {a: b}}
spec:
  known: k
  free: {a: 1, b: [2]}
  anything: [1, {x: 2}]
  nested: {n: 1, extra: true}
  template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}}
)"),
            "");
  EXPECT_EQ(Violations(kS, "status: {}\nspec: {knwon: k}\n"),
            "status: unknown field \"status\"\n"
            "spec.knwon: unknown field \"knwon\"");
  // Known fields of a preserving object are still validated.
  EXPECT_EQ(Violations(kS, "spec: {nested: {n: x}}\n"),
            "spec.nested.n: must be of type integer, got string \"x\"");
  // An object type without properties keeps no fields.
  EXPECT_EQ(Violations("type: object\nproperties: {o: {type: object}}\n",
                       "o: {a: 1}\n"),
            "o.a: unknown field \"a\"");
}

TEST(ValidateTest, IntOrString) {
  constexpr const char kS[] = R"(type: object
properties:
  port: {x-kubernetes-int-or-string: true}
  maxUnavailable:
    x-kubernetes-int-or-string: true
    anyOf: [{type: integer}, {type: string}]
)";
  EXPECT_EQ(Violations(kS, "port: 8080\nmaxUnavailable: 25%\n"), "");
  EXPECT_EQ(Violations(kS, "port: http\nmaxUnavailable: 1\n"), "");
  EXPECT_EQ(Violations(kS, "port: true\n"),
            "port: must be an integer or a string, got boolean \"true\"");
  EXPECT_EQ(Violations(kS, "port: [1]\n"),
            "port: must be an integer or a string, got array");
}

TEST(ValidateTest, AdditionalProperties) {
  constexpr const char kS[] = R"(type: object
properties:
  labels: {type: object, additionalProperties: {type: string}}
  closed: {type: object, properties: {a: {type: string}}, additionalProperties: false}
  open: {type: object, additionalProperties: true}
)";
  EXPECT_EQ(Violations(kS,
                       "labels: {a: b, c: 'd'}\nopen: {x: 1}\n"
                       "closed: {a: x}\n"),
            "");
  EXPECT_EQ(Violations(kS, "labels: {a: 1}\n"),
            "labels[a]: must be of type string, got integer \"1\"");
  EXPECT_EQ(Violations(kS, "closed: {a: x, b: y}\n"),
            "closed.b: unknown field \"b\"");
}

TEST(ValidateTest, Items) {
  constexpr const char kS[] = R"(type: object
properties:
  list:
    type: array
    minItems: 1
    maxItems: 2
    items:
      type: object
      required: [name]
      properties: {name: {type: string}}
)";
  EXPECT_EQ(Violations(kS, "list: [{name: a}, {name: b}]\n"), "");
  EXPECT_EQ(Violations(kS, "list: [{name: a}, {nam: b}]\n"),
            "list[1].nam: unknown field \"nam\"\n"
            "list[1].name: required field \"name\" is missing");
  EXPECT_EQ(Violations(kS, "list: []\n"),
            "list: must have at least 1 items, got 0");
  EXPECT_EQ(Violations(kS, "list: [{name: a}, {name: b}, {name: c}]\n"),
            "list: must have at most 2 items, got 3");
}

TEST(ValidateTest, MinimumMaximum) {
  constexpr const char kS[] = R"(type: object
properties:
  i: {type: integer, minimum: 1, maximum: 9}
  x: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1.5, exclusiveMaximum: true}
  m: {type: integer, multipleOf: 5}
)";
  EXPECT_EQ(Violations(kS, "i: 1\nx: 0.5\nm: 15\n"), "");
  EXPECT_EQ(Violations(kS, "i: 9\n"), "");
  EXPECT_EQ(Violations(kS, "i: 0\n"), "i: must be >= 1, got 0");
  EXPECT_EQ(Violations(kS, "i: 10\n"), "i: must be <= 9, got 10");
  EXPECT_EQ(Violations(kS, "x: 0\n"), "x: must be > 0, got 0");
  EXPECT_EQ(Violations(kS, "x: 1.5\n"), "x: must be < 1.5, got 1.5");
  EXPECT_EQ(Violations(kS, "m: 7\n"), "m: must be a multiple of 5, got 7");
}

TEST(ValidateTest, MinLengthMaxLength) {
  constexpr const char kS[] = R"(type: object
properties:
  s: {type: string, minLength: 2, maxLength: 4}
)";
  EXPECT_EQ(Violations(kS, "s: ab\n"), "");
  EXPECT_EQ(Violations(kS, "s: \"\xC3\xA9t\xC3\xA9\"\n"), "");  // 3 runes
  EXPECT_EQ(Violations(kS, "s: a\n"),
            "s: must be at least 2 characters long, got 1");
  EXPECT_EQ(Violations(kS, "s: abcde\n"),
            "s: may not be more than 4 characters long, got 5");
}

TEST(ValidateTest, PatternThroughTheMatcher) {
  constexpr const char kS[] = R"(type: object
properties:
  name: {type: string, pattern: '^[a-z]+$'}
)";
  // Without a matcher (no regex engine in this layer) pattern is skipped.
  EXPECT_EQ(Violations(kS, "name: ABC\n"), "");
  ValidateOptions opts;
  opts.match_pattern = [](std::string_view p, std::string_view v,
                          bool* matched) {
    *matched = std::regex_search(std::string(v), std::regex(std::string(p)));
    return true;
  };
  EXPECT_EQ(Violations(kS, "name: abc\n", opts), "");
  EXPECT_EQ(Violations(kS, "name: ABC\n", opts),
            "name: \"ABC\" does not match pattern \"^[a-z]+$\"");
}

TEST(ValidateTest, CombinatorsAndProperties) {
  constexpr const char kS[] = R"(type: object
properties:
  a:
    type: object
    properties: {x: {type: string}, y: {type: string}}
    oneOf: [{required: [x]}, {required: [y]}]
  b:
    type: integer
    not: {enum: [13]}
  c:
    type: object
    minProperties: 1
    maxProperties: 1
    additionalProperties: {type: string}
  d:
    type: array
    uniqueItems: true
    items: {type: string}
)";
  EXPECT_EQ(Violations(kS, "a: {x: '1'}\nb: 12\nc: {k: v}\nd: [a, b]\n"), "");
  EXPECT_EQ(Violations(kS, "a: {x: '1', y: '2'}\n"),
            "a: must match exactly one schema of oneOf, matches 2");
  EXPECT_EQ(Violations(kS, "b: 13\n"),
            "b: must not match the schema in \"not\"");
  EXPECT_EQ(Violations(kS, "c: {}\n"),
            "c: must have at least 1 properties, got 0");
  EXPECT_EQ(Violations(kS, "d: [a, a]\n"), "d[1]: duplicate of item 0");
}

TEST(ValidateTest, CnpgLikeClusterAgainstItsSchema) {
  yaml::Node crd = Yaml(kCrd, "crd.yaml");
  CrdSchemas schemas;
  ASSERT_TRUE(schemas.Add(crd).ok());
  yaml::Node obj = Yaml(R"(apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: ns}
spec:
  instances: 3
  mode: fast
  port: 5432
  tags: [a, bb]
  labels: {team: db}
  ratio: 0.5
  enabled: false
  note: null
)");
  const yaml::Node* schema = schemas.SchemaFor(Gvk::FromNode(obj));
  ASSERT_NE(schema, nullptr);
  EXPECT_TRUE(Validate(obj, *schema).empty());
  yaml::Node bad = Yaml(R"(apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec:
  instances: "3"
  tags: [toolong]
)");
  std::vector<SchemaViolation> v = Validate(bad, *schema);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].path, "spec.instances");
  EXPECT_EQ(v[0].node->mark().line, 5u);
  EXPECT_EQ(v[1].path, "spec.tags[0]");
}

}  // namespace
}  // namespace ferry::k8s
