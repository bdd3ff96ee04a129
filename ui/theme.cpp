#include "theme.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>
#include <optional>

namespace payops {

namespace {
bool g_dark = false;
// The platform's palette before we replace it: what "follow the OS" means on Qt 6.4, which has no colour scheme
// hint yet (QStyleHints::colorScheme arrives in 6.5).
std::optional<QPalette>& capturedSystemPalette()
{
    static std::optional<QPalette> p;
    return p;
}

const QPalette& systemPalette()
{
    auto& p = capturedSystemPalette();
    if (!p)
        p = QApplication::palette();
    return *p;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x1e, 0x21, 0x27), base(0x16, 0x18, 0x1d), text(0xe6, 0xe8, 0xeb), mid(0x3a, 0x3f, 0x48);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x1b, 0x1e, 0x23));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2e, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x99));
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x10, 0x12, 0x16));
    p.setColor(QPalette::Light, QColor(0x44, 0x4a, 0x54));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6b, 0x71, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6b, 0x71, 0x7a));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6b, 0x71, 0x7a));
    return p;
}

QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette(); // Fusion's, set just before
    p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}
} // namespace

bool Theme::systemPrefersDark()
{
    const QPalette& p = systemPalette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

void Theme::rereadSystemPalette()
{
    // A palette with nothing set hands every role back to the platform (Qt 6): that is the desktop's palette now.
    QApplication::setPalette(QPalette());
    capturedSystemPalette() = QApplication::palette();
}

bool Theme::apply(ConsoleSettings::Theme theme)
{
    (void)systemPalette(); // capture before the first change
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    g_dark = theme == ConsoleSettings::Theme::Dark || (theme == ConsoleSettings::Theme::System && systemPrefersDark());
    QApplication::setPalette(g_dark ? darkPalette() : lightPalette());
    return g_dark;
}

bool Theme::isDark()
{
    return g_dark;
}

QColor Theme::health(HealthState s)
{
    switch (s) {
    case HealthState::Healthy:
        return g_dark ? QColor(0x4c, 0xc3, 0x7a) : QColor(0x1e, 0x8e, 0x4e);
    case HealthState::Degraded:
        return g_dark ? QColor(0xf0, 0xb4, 0x3c) : QColor(0xb3, 0x6b, 0x00);
    case HealthState::Down:
        return g_dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QColor Theme::severity(SeverityClass c)
{
    switch (c) {
    case SeverityClass::Low:
        return g_dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x56, 0xb0);
    case SeverityClass::Medium:
        return g_dark ? QColor(0xf0, 0xd0, 0x4c) : QColor(0x8a, 0x6d, 0x00);
    case SeverityClass::High:
        return g_dark ? QColor(0xf0, 0x9a, 0x3c) : QColor(0xb3, 0x4f, 0x00);
    case SeverityClass::Critical:
        return g_dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QColor Theme::accent()
{
    return g_dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xc6);
}

QColor Theme::baselineBand()
{
    QColor c = g_dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xc6);
    c.setAlpha(40);
    return c;
}

QIcon Theme::icon(Glyph glyph)
{
    const QColor ink = QApplication::palette().color(QPalette::WindowText);
    QIcon icon;
    for (int size : {16, 24, 32}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 16.0, size / 16.0);
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        switch (glyph) {
        case Glyph::Play:
            p.drawPolygon(QPolygonF({{4, 2.5}, {13, 8}, {4, 13.5}}));
            break;
        case Glyph::Pause:
            p.drawRect(QRectF(3.5, 2.5, 3, 11));
            p.drawRect(QRectF(9.5, 2.5, 3, 11));
            break;
        case Glyph::Step:
            p.drawPolygon(QPolygonF({{2.5, 2.5}, {10, 8}, {2.5, 13.5}}));
            p.drawRect(QRectF(10.5, 2.5, 2.5, 11));
            break;
        case Glyph::Reset: {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(ink, 1.8, Qt::SolidLine, Qt::RoundCap));
            p.drawArc(QRectF(2.5, 2.5, 11, 11), 60 * 16, 280 * 16);
            p.setPen(Qt::NoPen);
            p.setBrush(ink);
            p.drawPolygon(QPolygonF({{10, 0.5}, {14.5, 3.5}, {9.5, 6.5}}));
            break;
        }
        case Glyph::Health: {
            p.setBrush(Qt::NoBrush);
            p.setPen(QPen(ink, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawPolyline(QPolygonF({{1, 9}, {4.5, 9}, {6.5, 3.5}, {9.5, 13}, {11.5, 7}, {15, 7}}));
            break;
        }
        case Glyph::Anomalies:
            p.drawPolygon(QPolygonF({{8, 1.5}, {15, 14}, {1, 14}}));
            p.setBrush(QApplication::palette().color(QPalette::Window));
            p.drawRect(QRectF(7.2, 5.5, 1.6, 4.5));
            p.drawEllipse(QPointF(8, 11.8), 0.95, 0.95);
            break;
        }
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

QColor Theme::muted()
{
    return g_dark ? QColor(0x8a, 0x90, 0x99) : QColor(0x6b, 0x71, 0x7a);
}

} // namespace payops
