credentials {
    username = providers.gradleProperty("ossrhUsername").get()
    password = providers.gradleProperty("ossrhPassword").get()
}
