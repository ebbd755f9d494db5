// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_EXEC_HPP
#define AGENT_BACKENDS_SRC_SANDBOXES_KUBERNETES_EXEC_HPP

// Processes in a pod's container through pod exec over a WebSocket: output on channels 1 and 2, the exit
// code from the `Status` on channel 3, stdin on channel 0 (closed with `[0xFF, 0x00]` on v5; v4 cannot
// close it, so the commands read a known number of bytes).

#include "sandboxes/container_exec.hpp"
#include "sandboxes/kubernetes_api.hpp"

#include <memory>
#include <string>

namespace agent_backends::detail {

class kubernetes_container_exec final : public container_exec
{
public:
    kubernetes_container_exec(std::shared_ptr<kubernetes_api> api, std::string namespace_name,
                              std::string pod, std::string container);

    task<std::unique_ptr<container_process>> start(process_spec spec) override;

    /// Until the server is known to speak v5 (the first exec tells), stdin is length-bounded.
    bool needs_bounded_stdin() const noexcept override;

    const std::string& target() const noexcept override { return pod_; }

private:
    std::shared_ptr<kubernetes_api> api_;
    std::string namespace_;
    std::string pod_;
    std::string container_;
};

}  // namespace agent_backends::detail

#endif
