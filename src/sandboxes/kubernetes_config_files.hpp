// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_CONFIG_FILES_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_CONFIG_FILES_HPP

#include <filesystem>
#include <optional>
#include <string>

namespace agent_backends::detail {

/// The whole content of a file, or nothing when it does not exist or cannot be read.
std::optional<std::string> read_config_file(const std::filesystem::path& path);

/// True when `path` names an existing file that this process can read.
bool is_readable_file(const std::filesystem::path& path);

/// `path` when absolute, else `path` below `dir` (kubeconfig paths are relative to the kubeconfig's folder).
std::filesystem::path resolve_against(const std::filesystem::path& dir, const std::filesystem::path& path);

/// The kubeconfig kubectl reads by default: the first entry of `$KUBECONFIG` (a ':' list), else
/// `$HOME/.kube/config`.
std::filesystem::path default_kubeconfig_path();

/// The value of an environment variable; nothing when unset or empty.
std::optional<std::string> environment_value(const char* name);

}  // namespace agent_backends::detail

#endif
