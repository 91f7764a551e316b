module github.com/kalshi-native/libkalshi/bindings/go

go 1.19
