package com.kalshi.nativeapi;

/** kalshi_rest_api_t (rest.h): which API an operationId belongs to. */
public enum RestApi {
    /** Prediction markets (openapi.yaml), /trade-api/v2 on rest.host. */
    PREDICTION(0),
    /** Margin / perps (perps_openapi.yaml), /trade-api/v2/margin on rest.host. */
    PERPS(1),
    /** Klear (perps_scm_openapi.yaml), /klear-api/v1 on klear.host. */
    KLEAR(2);

    private final int code;

    RestApi(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RestApi of(int code) {
        for (RestApi a : values()) if (a.code == code) return a;
        return null;
    }
}
