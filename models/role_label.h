#pragma once
// An operator role as people read it ("On-call engineer"), in the console's language.

#include "approvals/operator_role.h"

#include <QString>

namespace payops {

QString roleLabel(approvals::OperatorRole role);

} // namespace payops
