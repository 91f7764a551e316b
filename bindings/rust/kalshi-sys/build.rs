//! Finds libkalshi through pkg-config (`kalshi.pc`). Set PKG_CONFIG_PATH to the install prefix's
//! lib/pkgconfig when libkalshi is not installed system-wide.

fn main() {
    // The version these declarations were written for; a library of the same major version and at
    // least this minor/patch has every symbol declared here.
    const MIN: &str = "0.1.0";
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-env-changed=KALSHI_LIB");
    match pkg_config::Config::new()
        .atleast_version(MIN)
        .cargo_metadata(true)
        .probe("kalshi")
    {
        Ok(lib) => {
            for p in &lib.include_paths {
                println!("cargo:include={}", p.display());
            }
            for p in &lib.link_paths {
                println!("cargo:libdir={}", p.display());
            }
        }
        Err(e) => {
            eprintln!(
                "kalshi-sys: libkalshi >= {MIN} not found through pkg-config.\n\
                 Install libkalshi, or point PKG_CONFIG_PATH at <prefix>/lib/pkgconfig.\n{e}"
            );
            std::process::exit(1);
        }
    }
}
