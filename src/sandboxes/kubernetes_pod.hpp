// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_POD_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_POD_HPP

// A sandbox's pod without sockets: the manifest it is created from, and what a pod's status says about
// whether it can run commands.

#include <boost/system/result.hpp>

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace agent_backends::detail {

/// The label that marks a pod as a sandbox's, valued with the sandbox id.
inline constexpr std::string_view sandbox_label = "agent-backends.sandbox";

/// Keeps a pod's single container alive and exits on SIGTERM: as PID 1 a shell ignores signals it has no
/// trap for, and `wait` returns as soon as a trapped one arrives.
inline constexpr std::string_view keep_alive_script =
    "trap 'exit 0' TERM INT; while :; do sleep 86400 & wait $!; done";

/// What the pod is made of.
struct pod_manifest_input
{
    std::string name;
    std::string namespace_name;
    std::string container_name;
    std::string image;
    std::string work_dir;
    std::map<std::string, std::string> env;
    std::map<std::string, std::string> labels;
    std::string cpu_request;
    std::string cpu_limit;
    std::string memory_request;
    std::string memory_limit;
    std::string image_pull_policy;
    std::string service_account;
    std::chrono::seconds active_deadline{0};  ///< Zero: none.
};

/// The `Pod` JSON to `POST`.
std::string pod_manifest(const pod_manifest_input& input);

/// A name the API server accepts for a pod (a DNS-1123 label: lowercase letters, digits and `-`, at most
/// 63, starting and ending alphanumeric) made from `text`.
std::string pod_name_from(std::string_view text);

/// A label value the API server accepts (at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends).
std::string label_value_from(std::string_view text);

/// Where a pod stands on its way to running commands.
struct pod_progress
{
    enum class state
    {
        pending,  ///< Not running yet; may still start.
        running,  ///< Phase `Running` with the container running: exec works.
        failed,   ///< It will never run (image pull failure, phase `Failed`, ...).
        ended,    ///< It ran and is over, or is being deleted.
    };
    state where{state::pending};
    std::string phase;   ///< `status.phase`.
    std::string detail;  ///< Why, for a message: `ImagePullBackOff: Back-off pulling image "x"`.
};

/// Reads a pod's JSON (`container`: the sandbox's container). Fails with `errc::protocol_error` when it
/// is not a pod object.
boost::system::result<pod_progress> read_pod_progress(std::string_view pod_json, std::string_view container);

}  // namespace agent_backends::detail

#endif
