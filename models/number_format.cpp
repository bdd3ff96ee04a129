#include "number_format.h"

#include <QCoreApplication>
#include <QLocale>

namespace payops {

void setNumberLanguage(const QString& language)
{
    QLocale locale(language == QLatin1String("de") ? QLocale::German : QLocale::English,
                   language == QLatin1String("de") ? QLocale::Germany : QLocale::UnitedStates);
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    QLocale::setDefault(locale);
}

QString formatNumber(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString formatPercent(double percent, int decimals)
{
    // The sign's spacing is the language's: German writes "82,6 %".
    return QCoreApplication::translate("payops::NumberFormat", "%1%").arg(formatNumber(percent, decimals));
}

} // namespace payops
