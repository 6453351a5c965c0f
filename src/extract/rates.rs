//! Converting amounts to US dollars with the annual average rates of
//! `assets/fx_rates.tsv` (one row per currency and year, with its source).

use super::lexicon::data_rows;
use std::collections::HashMap;
use std::sync::OnceLock;

const RATES_TSV: &str = include_str!("../../assets/fx_rates.tsv");

/// US dollars per unit of each currency, by year, in ascending year order.
#[derive(Debug, Default)]
pub struct RateTable {
    by_currency: HashMap<String, Vec<(i32, f64)>>,
}

impl RateTable {
    /// Parses the table. Errors name the 1-based line and the problem.
    pub fn parse(text: &str) -> Result<RateTable, String> {
        let mut table = RateTable::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            for row in data_rows(line) {
                if row.first() == Some(&"currency") {
                    continue; // the column header
                }
                let [currency, year, rate, _source] = row.as_slice() else {
                    return Err(format!(
                        "fx_rates line {line_no}: expected currency, year, usd_per_unit, source"
                    ));
                };
                let year: i32 =
                    year.parse().map_err(|_| format!("fx_rates line {line_no}: bad year {year:?}"))?;
                let rate: f64 = rate
                    .parse()
                    .ok()
                    .filter(|r: &f64| r.is_finite() && *r > 0.0)
                    .ok_or_else(|| format!("fx_rates line {line_no}: bad rate {rate:?}"))?;
                let rows = table.by_currency.entry(currency.to_string()).or_default();
                if rows.iter().any(|(y, _)| *y == year) {
                    return Err(format!("fx_rates line {line_no}: {currency} {year} given twice"));
                }
                rows.push((year, rate));
                rows.sort_by_key(|(y, _)| *y);
            }
        }
        Ok(table)
    }

    /// The embedded table.
    pub fn embedded() -> &'static RateTable {
        static TABLE: OnceLock<RateTable> = OnceLock::new();
        // Embedded and covered by a unit test: a parse error is a build defect.
        TABLE.get_or_init(|| RateTable::parse(RATES_TSV).expect("assets/fx_rates.tsv is valid"))
    }

    /// US dollars per unit of `currency` in `year`: that year's row, the
    /// nearest year's when the table does not reach it, the latest year's
    /// when `year` is unknown. `None` for a currency the table lacks.
    pub fn usd_per_unit(&self, currency: &str, year: Option<i32>) -> Option<f64> {
        let rows = self.by_currency.get(currency)?;
        let (_, latest) = *rows.last()?;
        let Some(year) = year else { return Some(latest) };
        let nearest = rows.iter().min_by_key(|(y, _)| (y - year).abs()).map(|(_, r)| *r);
        nearest.or(Some(latest))
    }

    /// `value` of `currency` in US dollars.
    pub fn to_usd(&self, value: f64, currency: &str, year: Option<i32>) -> Option<f64> {
        if currency == "USD" {
            return Some(value);
        }
        self.usd_per_unit(currency, year).map(|rate| value * rate)
    }

    pub fn currencies(&self) -> impl Iterator<Item = &str> {
        self.by_currency.keys().map(String::as_str)
    }
}

/// The year of a `YYYY-MM[-DD]` date.
pub fn year_of(date: Option<&str>) -> Option<i32> {
    date.and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_year_nearest_year_or_latest() {
        let table = RateTable::parse(
            "# comment\ncurrency\tyear\tusd_per_unit\tsource\nEUR\t2023\t1.0817\tFRB\nEUR\t2024\t1.0824\tFRB\n",
        )
        .unwrap();
        assert_eq!(table.usd_per_unit("EUR", Some(2023)), Some(1.0817));
        assert_eq!(table.usd_per_unit("EUR", Some(2026)), Some(1.0824));
        assert_eq!(table.usd_per_unit("EUR", Some(2010)), Some(1.0817));
        assert_eq!(table.usd_per_unit("EUR", None), Some(1.0824));
        assert_eq!(table.usd_per_unit("XYZ", None), None);
        assert_eq!(table.to_usd(2.0, "USD", None), Some(2.0));
    }

    #[test]
    fn rejects_bad_rows() {
        assert!(RateTable::parse("EUR\t2023\tx\tFRB").unwrap_err().contains("line 1"));
        assert!(RateTable::parse("EUR\t20x3\t1\tFRB").is_err());
        assert!(RateTable::parse("EUR\t2023\t1\tFRB\nEUR\t2023\t1\tFRB").unwrap_err().contains("twice"));
        assert!(RateTable::parse("EUR\t2023\t1").is_err());
    }

    #[test]
    fn embedded_table_covers_every_currency_figures_know() {
        let table = RateTable::embedded();
        let units = include_str!("../../assets/units.tsv");
        for row in data_rows(units) {
            if matches!(row.first(), Some(&"currency") | Some(&"symbol")) {
                let code = row[1];
                assert!(table.to_usd(1.0, code, Some(2024)).is_some(), "no rate for {code}");
            }
        }
        // A sanity check on direction: a euro is worth about a dollar, a yen far less.
        let eur = table.usd_per_unit("EUR", Some(2024)).unwrap();
        assert!((0.9..1.3).contains(&eur), "{eur}");
        assert!(table.usd_per_unit("JPY", Some(2024)).unwrap() < 0.02);
    }
}
