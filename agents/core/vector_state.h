#pragma once
// Clears the upper halves of the CPU's vector registers (vzeroupper) where the CPU has them.
//
// Qt's seeded string hashing (every insert into a QHash keyed by QString, as inside QCommandLineParser::addOption;
// plain qHash(QString) and QHash<int> do not) runs 256-bit AVX code and returns without clearing that state. Until
// something clears it, every SSE instruction of ours (this build targets baseline x86-64) carries a false dependency on
// those upper halves: `payops-agent bench` measured the detector at 4.3 M rows/s against 12 M rows/s for the same code
// in a binary that never parsed its command line, and a loop of log() and erfc() calls ran 18 times slower after one
// addOption(). Hot loops call this once before they start, and the agent once per cycle.

namespace payops {

void clearUpperVectorState();

} // namespace payops
