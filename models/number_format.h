#pragma once
// Numbers as the reader's language writes them: "82,6 %" in German, "82.6%" in English (a German reader takes the
// point for a thousands separator). The console sets the language when it is chosen (setNumberLanguage); grouping is
// left out, so "2032" keeps its column's width. A locale of its own, not QLocale::setDefault, which is not safe while
// the runtime's and sync's threads run, and would change Qt's own widgets too. GUI thread only.

#include <QLocale>
#include <QString>

namespace payops {

// Makes `language` ("en", "de", "de_DE", ...) the locale of the functions below and of charts built after it.
void setNumberLanguage(const QString& language);
const QLocale& numberLocale();

QString formatNumber(double value, int decimals);
// `percent` is already in percent: formatPercent(82.6, 1) is "82.6%" or "82,6 %".
QString formatPercent(double percent, int decimals);

} // namespace payops
