#pragma once

// The YAML limits of base/limits.h, checked on a document's parse events before any tree is
// built: yaml-cpp's tree costs about a kilobyte a node and expands every alias it is asked to
// walk, so a 20 MB list of numbers, or a few lines of nested aliases, would cost gigabytes
// before a limit applied to the tree could say no.
//
// Counted: nodes (scalars, nulls, lists and mappings; an alias as the nodes of the node it
// names, so expansion is bounded without expanding), nesting depth (an alias as deep as its
// node reaches), aliases as written, the bytes of each scalar, and the scalar bytes of the
// whole document with its aliases expanded (at most a YAML file's worth). An alias to a node
// that contains it (a cycle) is refused.

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "diag/diagnostic.h"

namespace forcecheck {

// Parses the first document of `text` (the contents of `path`) for its events only. Reports
// the first limit passed, or a YAML syntax error, at its place and returns false.
bool CheckYamlLimits(const std::string& path, std::string_view text, Diagnostics& diags);

// Whether `text` needs CheckYamlLimits before its tree is built. Not when it holds no alias
// and is too small to pass the node, scalar and value limits (yaml-cpp's event parser costs
// as much as building the tree, so most files, rule files and evidence alike, are parsed once
// rather than twice): each byte of YAML makes at most three nodes (the ':' of `[:]` is a
// mapping, its null key and its null value). Such a file can pass only the depth limit,
// which CheckYamlDepth checks on its tree, stopping at the first level past it.
bool NeedsYamlLimitPass(std::string_view text);
bool CheckYamlDepth(const std::string& path, const YAML::Node& root, Diagnostics& diags);

}  // namespace forcecheck
