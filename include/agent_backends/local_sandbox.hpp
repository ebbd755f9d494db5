// Copyright (c) 2026 The agent-backends authors. SPDX-License-Identifier: MIT
#ifndef AGENT_BACKENDS_LOCAL_SANDBOX_HPP
#define AGENT_BACKENDS_LOCAL_SANDBOX_HPP

#include <agent_backends/local_backend.hpp>

namespace agent_backends {

/// \brief The host-shell sandbox for development: a \ref local_backend with `enable_execute` on (its
/// default), commands running at the root.
///
/// \details It confines file operations to the root; commands are ordinary host processes and are not
/// confined. Use a container sandbox to isolate commands.
using local_sandbox = local_backend;

}  // namespace agent_backends

#endif
