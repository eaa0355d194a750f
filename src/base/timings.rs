//! Wall time per build stage, printed by `folio build --timings`: where a build spends its
//! time, so that optimisation starts from a measurement.

use std::time::{Duration, Instant};

/// Stages in the order they ran, each with its wall time.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
    /// CPU time spent drawing charts, summed over threads (inside the markdown stage).
    pub charts: Duration,
}

impl Timings {
    /// Runs `f` as the stage `name`.
    pub fn stage<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = f();
        self.add(name, started.elapsed());
        out
    }

    /// Records `elapsed` for the stage `name` (added to it if it ran before).
    pub fn add(&mut self, name: &'static str, elapsed: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, d)) => *d += elapsed,
            None => self.stages.push((name, elapsed)),
        }
    }

    /// The wall time of `name`, if it ran.
    pub fn get(&self, name: &str) -> Option<Duration> {
        self.stages
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
    }

    /// A table: one line per stage with milliseconds and share of the total.
    pub fn render(&self) -> String {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::from("stage        time      share\n");
        for (name, d) in &self.stages {
            let share = if total.is_zero() {
                0.0
            } else {
                100.0 * d.as_secs_f64() / total.as_secs_f64()
            };
            out.push_str(&format!("{name:<10} {:>7.1} ms {share:>6.1} %\n", ms(*d)));
            if *name == "markdown" && !self.charts.is_zero() {
                out.push_str(&format!(
                    "  charts   {:>7.1} ms CPU, summed over threads\n",
                    ms(self.charts)
                ));
            }
        }
        out.push_str(&format!("total      {:>7.1} ms\n", ms(total)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_in_order() {
        let mut t = Timings::default();
        t.add("load", Duration::from_millis(30));
        t.add("write", Duration::from_millis(10));
        t.add("load", Duration::from_millis(10));
        assert_eq!(t.get("load"), Some(Duration::from_millis(40)));
        let table = t.render();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[1], "load          40.0 ms   80.0 %");
        assert_eq!(lines[2], "write         10.0 ms   20.0 %");
        assert_eq!(lines[3], "total         50.0 ms");
        assert_eq!(t.stage("search", || 7), 7);
        assert!(t.get("search").is_some());
    }
}
