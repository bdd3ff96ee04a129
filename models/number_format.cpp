#include "number_format.h"

#include <QCoreApplication>
#include <QLocale>

namespace payops {

namespace {
QLocale& current()
{
    static QLocale locale = [] {
        QLocale l(QLocale::English, QLocale::UnitedStates);
        l.setNumberOptions(QLocale::OmitGroupSeparator);
        return l;
    }();
    return locale;
}
} // namespace

void setNumberLanguage(const QString& language)
{
    const bool german = language.startsWith(QLatin1String("de")); // the translator takes "de_DE" as "de" too
    QLocale locale(german ? QLocale::German : QLocale::English, german ? QLocale::Germany : QLocale::UnitedStates);
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    current() = locale;
}

const QLocale& numberLocale()
{
    return current();
}

QString formatNumber(double value, int decimals)
{
    return current().toString(value, 'f', decimals);
}

QString formatPercent(double percent, int decimals)
{
    // The sign's spacing is the language's: German writes "82,6 %".
    return QCoreApplication::translate("payops::NumberFormat", "%1%").arg(formatNumber(percent, decimals));
}

} // namespace payops
