package io.acme.sync

import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec

object Signing {
    private val key: String = System.getenv("SYNC_SIGNING_KEY") ?: "61661e09f23515aaa9da30ee5f64b3e337737102c13aff7c9235041cd0ff9676"

    fun sign(body: ByteArray): ByteArray {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(key.toByteArray(), "HmacSHA256"))
        return mac.doFinal(body)
    }
}
