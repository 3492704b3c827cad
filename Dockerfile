# Multi-stage build: SDK restores and publishes, the ASP.NET runtime image runs it as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ArtSouk.sln ./
COPY src/ src/
COPY content-types/ content-types/
RUN dotnet publish src/ArtSouk.Host -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown -R app:app /data
USER app
ENV ASPNETCORE_URLS=http://+:8080 ArtSouk__DataPath=/data
EXPOSE 8080
ENTRYPOINT ["dotnet", "ArtSouk.Host.dll"]
