#pragma once
// Light and dark palettes (Fusion style, so both look the same on every platform) and the semantic colours of
// health states and severities. "System" follows the desktop's colour scheme: read at start, and read again
// whenever the platform reports a theme change (MainWindow passes QEvent::ThemeChange on).

#include "models/console_settings.h"
#include "runtime/cycle_snapshot.h"

#include <QColor>
#include <QIcon>

namespace payops {

class Theme {
public:
    // Applies the palette to the application; returns whether the result is dark.
    static bool apply(ConsoleSettings::Theme theme);
    static bool isDark();
    static bool systemPrefersDark();
    // The desktop's theme changed: forget the palette captured at start and read the platform's again (the next
    // apply(System) follows it).
    static void rereadSystemPalette();

    static QColor health(HealthState s);
    static QColor severity(SeverityClass c);
    static QColor accent();
    static QColor baselineBand();
    static QColor muted();

    // Toolbar and rail icons drawn in the current text colour, so they stay visible in both themes (the
    // platform's standard icons are dark glyphs that vanish on a dark toolbar).
    enum class Glyph { Play, Pause, Step, Reset, Health, Anomalies };
    static QIcon icon(Glyph glyph);
};

} // namespace payops
